/* council.h — the council's arithmetic: quorum, the share of votes against
 * the config threshold, recusals, absent members' written opinions, and the
 * result with its reason in words.
 *
 * Everything is exact integer arithmetic: a share a/b is compared with a
 * threshold n/d as a*d against n*b (64-bit), never as a floating point
 * number, so "at least 9/10" with 9 of 10 passes and "more than 1/2" with
 * 5 of 10 fails. Percentages appear only in the text shown to people.
 *
 * The rules (config `council:`), as applied here:
 *  - quorum: present * quorum.den >= quorum.num * members, members being all
 *    council members; recusals and written opinions do not change it;
 *  - voters on an item: members present and not recused, plus absent members
 *    who sent a written opinion when `vote.written_votes` says they count
 *    (and who are not recused);
 *  - base (the denominator): `of: members` — all council members except
 *    those recused on this item (a recused member cannot vote, so counting
 *    them would turn a recusal into a vote against); `of: present` — the
 *    voters above;
 *  - passed: agree/base > threshold (`approve_more_than`) or
 *    agree/base >= threshold (`approve_at_least`); never without quorum and
 *    never with an empty base. */
#ifndef DIENHINH_COUNCIL_H
#define DIENHINH_COUNCIL_H

#include "dienhinh/config.h"
#include "dienhinh/record.h"

#include <stdbool.h>
#include <stddef.h>

/* How one member takes part in a session (dh_session.present / .written). */
typedef enum dh_attendance {
	DH_ABSENT = 0,  /* absent, no written opinion */
	DH_PRESENT = 1, /* in the room */
	DH_WRITTEN = 2, /* absent, sent a written opinion */
} dh_attendance;

/* The state of one agenda item, for the screen and for closing it. */
typedef struct dh_tally {
	int members;       /* all council members (config) */
	int present;       /* members attending the session */
	int quorum_needed; /* least attendance that makes a quorum */
	bool quorum;
	int recused;  /* members who do not vote on this item */
	int written;  /* absent members' written opinions counted among voters */
	int voters;   /* who may vote on this item (see above) */
	int agree;    /* votes so far: open vote counted from members' votes, */
	int disagree; /* secret vote the counts typed from the ballots */
	int abstain;
	int cast;         /* agree + disagree + abstain */
	int outstanding;  /* voters - cast: votes that may still come */
	int base;         /* the denominator the threshold applies to */
	int needed;       /* least agree votes that pass (base + 1 if none can) */
	int result;       /* dh_result if the item were closed now: PASSED or FAILED */
	bool decided;     /* no outstanding vote can change the result */
	bool can_pass;    /* agree + outstanding would pass */
	bool hidden;      /* secret vote still open: the screen hides the counts */
	char reason[192]; /* "7/11 = 63,6% > 1/2 — đạt" (UTF-8) */
} dh_tally;

/* Council members (of C) marked present in S: what the quorum counts. */
int council_present(const dh_council *c, const dh_session *s);
/* Least number present for a quorum: ceil(num * members / den). */
int council_quorum_needed(const dh_council *c);
bool council_has_quorum(const dh_council *c, int present);
/* Least agree votes that pass against BASE (BASE + 1 when BASE is 0). */
int council_votes_needed(const dh_council *c, int base);
/* The threshold test itself: agree * den > num * base (more than) or >=. */
bool council_passes(const dh_council *c, int agree, int base);

/* Tally item IT of session S under council C. The stored result of a closed
 * item stays what it was when closed (it->result, it->reason); this is the
 * live computation from the current attendance and votes. */
void council_tally(const dh_council *c, const dh_session *s, const dh_vote_item *it, dh_tally *t);

/* "63,6%": agree/base as a percentage with one decimal and a comma,
 * rounded half up (for display only). BUF of 16 bytes is enough. */
const char *council_percent(int agree, int base, char *buf, size_t size);
/* "trên 1/2 tổng số thành viên Hội đồng" / "từ 9/10 trở lên số thành viên
 * dự họp": the rule in words, for screens and the minutes. */
void council_rule_words(const dh_council *c, char *buf, size_t size);

/* Membership. */
bool council_is_member(const dh_council *c, const char *login);
/* The member's council role bit (DH_ROLE_CHAIR..), 0 if not a member. */
unsigned council_member_role(const dh_council *c, const char *login);
dh_attendance council_attendance(const dh_session *s, const char *login);
bool council_is_recused(const dh_vote_item *it, const char *login);

/* Open votes are kept in dh_vote_item.votes as "login=a" (agree), "=d"
 * (disagree), "=b" (abstain: bỏ phiếu trắng / không biểu quyết). */
dh_vote council_vote_of(const dh_vote_item *it, const char *login);
/* Set (or with DH_VOTE_NONE remove) LOGIN's vote in VOTES. 0 or DH_ENOMEM. */
int council_set_vote(dh_strlist *votes, const char *login, dh_vote v);
/* Notes kept per member as "login=text" (recusal reasons, written
 * opinions): LOGIN's text in NOTES or NULL; set it (NULL or "" removes).
 * 0 or DH_ENOMEM. */
const char *council_note_of(const dh_strlist *notes, const char *login);
int council_set_note(dh_strlist *notes, const char *login, const char *text);
/* The member is marked (present, written or absent), not "chưa điểm danh". */
bool council_is_called(const dh_session *s, const char *login);
char council_vote_code(dh_vote v);         /* 'a', 'd', 'b'; 0 for NONE */
const char *council_vote_label(dh_vote v); /* "Tán thành", "Không tán thành", "Không biểu quyết" */

#endif
