/* repo_open.c — the records opened: the store's migrations (the audit
 * chain, the counters), a dead import's stage cleared, an older index's
 * postings made again (repo.h). */
#include "dienhinh/repo.h"

#include "dienhinh/counts.h"
#include "dienhinh/error.h"
#include "dienhinh/lookup.h"
#include "dienhinh/store.h"
#include "dienhinh/verify_chain.h"

static int repo_migrate(dh_stxn *txn, uint64_t from, void *ctx)
{
	if (from == 1)
		return verify_migrate(txn, from, ctx);
	/* Schema 3 kept counters, schema 4 the provincial aim among them: both
	 * steps are one, every counter made again from the records. */
	if (from == 2)
		return 0;
	if (from == 3)
		return counts_migrate(txn, ctx && *(const char *)ctx ? ctx : "dienhinh");
	return DH_EVERSION;
}

int repo_open(dh_store **out, const char *dir, const dh_store_opts *opts, const char *actor)
{
	dh_store_opts o = opts ? *opts : (dh_store_opts){0};
	o.migrate = repo_migrate;
	o.migrate_ctx = (void *)actor;
	int rc = store_open(out, dir, &o);
	if (rc || o.read_only)
		return rc;
	/* What an import killed halfway left, nobody sees; clear it now;
	 * then an index of an older program: its postings made again. */
	rc = repo_stage_clear_stale(*out, actor && *actor ? actor : "dienhinh");
	if (!rc)
		rc = lookup_upgrade(*out);
	if (rc) {
		store_close(*out);
		*out = NULL;
	}
	return rc;
}
