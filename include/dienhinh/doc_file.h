/* doc_file.h — a document file appears whole or not at all.
 *
 * A writer writes into a temporary file beside the one asked for
 * (doc_file_begin()), then doc_file_commit() flushes it to disk and renames
 * it over the name: another program never opens half a .docx, and a
 * writer that fails half-way leaves the old file as it was
 * (doc_file_abort()). Files are made 0644 minus the umask, with the
 * rights of the person running the program. */
#ifndef DIENHINH_DOC_FILE_H
#define DIENHINH_DOC_FILE_H

#include <stddef.h>

typedef struct dh_doc_file {
	char *path; /* the name asked for */
	char *tmp;  /* the file being written, in the same folder */
} dh_doc_file;

/* 0, or DH_EIO with WHY (WHY_LEN bytes) saying why in Vietnamese (the
 * folder does not exist or cannot be written), or DH_ENOMEM. */
int doc_file_begin(dh_doc_file *f, const char *path, char *why, size_t why_len);
/* fsync, rename over f->path, fsync the folder. 0 or DH_EIO with WHY. The
 * struct is released either way. */
int doc_file_commit(dh_doc_file *f, char *why, size_t why_len);
/* Remove the temporary file and release the struct. */
void doc_file_abort(dh_doc_file *f);

#endif
