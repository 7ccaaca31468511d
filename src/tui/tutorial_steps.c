/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The tutorial's steps as data: what each one teaches, what it asks, the
 * hint for a wrong action, and a check that reads the editor's state (the
 * change, its findings, the files on disk, verify and commit results). The
 * checks never look at keystrokes: whatever way the user gets there counts.
 */
#include <config.h>

#include "tui/tutorial_int.h"
#include "mwschema/fs.h"
#include "mwschema/gen.h"

#include <stdlib.h>
#include <string.h>

/*
 * What the checks look at
 */

static bool
has_finding(const struct session *s, const char *rule)
{
	for (size_t i = 0; i < s->findings.n; i++)
		if (s->findings.items[i].rule && !strcmp(s->findings.items[i].rule, rule))
			return true;
	return false;
}

static const char *
finding_message(const struct session *s, const char *rule)
{
	for (size_t i = 0; i < s->findings.n; i++)
		if (s->findings.items[i].rule && !strcmp(s->findings.items[i].rule, rule))
			return s->findings.items[i].message;
	return "";
}

/* The last column the change adds to an existing table, or NULL. */
static const mw_column *
added_column(const struct session *s)
{
	const mw_table *before = session_before(s);

	if (!session_has_change(s) || !before)
		return NULL;
	for (size_t i = s->after->ncolumns; i-- > 0;)
		if (!mw_table_column(before, s->after->columns[i].name))
			return &s->after->columns[i];
	return NULL;
}

static bool
seen_tab(const struct tutorial *t, enum preview_tab tab)
{
	return t->seen_tabs & (1u << tab);
}

/* The column step 3 asks for has not been made (or was lost on a restart). */
static enum tut_result
needs_column(struct tut_verdict *v)
{
	mw_buf_adds(&v->why, "This step works on the column of step 3, and no change adds one: "
		    "add it again ({add-column}: bigint, unsigned yes, nullable), or, if you had "
		    "written it before leaving, reopen it with :open "
		    "sql/abstractSchemaChanges/NAME.json.");
	return TUT_PENDING;
}

/*
 * 1 Orientation
 */

static enum tut_result
check_orientation(struct tutorial *t, const struct app *a, struct tut_verdict *v)
{
	static const char *const tab_keys[TAB_COUNT] = { "1", "2", "3", "4", "5", "6" };
	bool editor = t->seen_panes & (1u << PANE_EDITOR);

	if (a->s->cur != t->entry_table)
		t->stage = 1;
	if (t->stage && editor && (t->seen_tabs & 0x3f) == 0x3f)
		return TUT_DONE;
	mw_buf_adds(&v->why, "Still to do:");
	if (!t->stage)
		mw_buf_adds(&v->why, " move to another table;");
	if (!editor)
		mw_buf_adds(&v->why, " focus the editor pane;");
	if ((t->seen_tabs & 0x3f) != 0x3f) {
		mw_buf_adds(&v->why, " look at tab");
		for (int i = 0; i < TAB_COUNT; i++)
			if (!seen_tab(t, (enum preview_tab)i))
				mw_buf_addf(&v->why, " %s", tab_keys[i]);
	}
	return TUT_PENDING;
}

/*
 * 2 Primary keys
 */

static enum tut_result
check_primary_key(struct tutorial *t, const struct app *a, struct tut_verdict *v)
{
	const struct session *s = a->s;
	const mw_table *before = session_before(s);

	if (!session_has_change(s)) {
		if (t->stage)
			return TUT_DONE;
		return TUT_PENDING;
	}
	if (!before || s->after->ncolumns != before->ncolumns ||
	    s->after->nindexes != before->nindexes) {
		mw_buf_adds(&v->why, "This change does more than remove the primary key: this step "
			    "only looks at the key.");
		return TUT_WRONG;
	}
	if (s->after->npk) {
		mw_buf_adds(&v->why, t->stage ? "Undo until the change is gone: the title bar "
						"says change: (none)."
					      : "The table still has a primary key (a different one "
						"is a pk-change): leave the field empty to remove it.");
		return t->stage ? TUT_PENDING : TUT_WRONG;
	}
	if (a->tab == TAB_POLICY && has_finding(s, "pk-required"))
		t->stage = 1;
	mw_buf_adds(&v->why, t->stage ? "That is the error: `pk-required`. Now undo ({undo}) until "
					"the title says change: (none)."
				      : "The key is gone: open the Policy tab (5) and read the error.");
	return TUT_PENDING;
}

/*
 * 3 Unsigned keys
 */

static enum tut_result
check_unsigned(struct tutorial *t, const struct app *a, struct tut_verdict *v)
{
	const mw_column *c = added_column(a->s);

	(void)t;
	if (!session_has_change(a->s))
		return TUT_PENDING;
	if (!c) {
		mw_buf_adds(&v->why, "The change in progress adds no column to an existing table. "
			    "Undo it ({undo}) and add a column with {add-column}.");
		v->hint = "Undo ({undo}) until the title says change: (none), then press "
			  "{add-column} on a table.";
		return TUT_WRONG;
	}
	if (c->type != MW_T_BIGINT) {
		mw_buf_addf(&v->why, "'%s' is a %s column; ids of big tables are bigint.", c->name,
			    mw_type_name(c->type));
		v->hint = "Select the column, press {edit}, type bigint in 'type' (Space cycles "
			  "the types), then Enter.";
		return TUT_WRONG;
	}
	if (!c->is_unsigned) {
		mw_buf_addf(&v->why, "'%s' is signed: an id column wastes half of its range on "
			    "negative values that never occur, and cannot hold every value of the "
			    "unsigned key it stores. Ids, and the columns that store them, are "
			    "unsigned.", c->name);
		return TUT_WRONG;
	}
	return TUT_DONE;
}

/*
 * 4 Nullable or with a default
 */

static enum tut_result
check_nullable(struct tutorial *t, const struct app *a, struct tut_verdict *v)
{
	const mw_column *c = added_column(a->s);

	if (!c)
		return needs_column(v);
	if (has_finding(a->s, "not-null-no-default")) {
		mw_buf_addf(&v->why, "'%s' is NOT NULL without a default (the Policy tab says "
			    "`not-null-no-default`): existing rows have no value for it, and code "
			    "that does not know it yet cannot insert rows.", c->name);
		/* Only an edit made during this step is a wrong action. */
		return a->s->gen != t->entry_gen ? TUT_WRONG : TUT_PENDING;
	}
	if (seen_tab(t, TAB_MYSQL) && seen_tab(t, TAB_POSTGRES) && seen_tab(t, TAB_SQLITE))
		return TUT_DONE;
	mw_buf_adds(&v->why, "Good: old rows and old code can live with the column. Now compare "
		    "the SQL of each database:");
	if (!seen_tab(t, TAB_MYSQL))
		mw_buf_adds(&v->why, " 2 MySQL");
	if (!seen_tab(t, TAB_POSTGRES))
		mw_buf_adds(&v->why, " 3 PostgreSQL");
	if (!seen_tab(t, TAB_SQLITE))
		mw_buf_adds(&v->why, " 4 SQLite");
	return TUT_PENDING;
}

/*
 * 5 The patch file's name
 */

static enum tut_result
check_patch_name(struct tutorial *t, const struct app *a, struct tut_verdict *v)
{
	const struct session *s = a->s;
	char *want;
	enum tut_result rc = TUT_DONE;

	(void)t;
	if (!added_column(s))
		return needs_column(v);
	want = mw_change_name(session_before(s), s->after);
	if (has_finding(s, "patch-name")) {
		mw_buf_addf(&v->why, "%s (rule `patch-name`).", finding_message(s, "patch-name"));
		rc = TUT_WRONG;
	} else if (s->name_custom && strcmp(s->change_name, want)) {
		mw_buf_addf(&v->why, "'%s' names the table but not the field: the convention is "
			    "`patch-<table>-<field>`, here %s.", s->change_name, want);
		rc = TUT_WRONG;
	} else if (!s->name_custom) {
		mw_buf_addf(&v->why, "The proposed name is %s.", want);
		rc = TUT_PENDING;
	}
	free(want);
	return rc;
}

/*
 * 6 Optional changes and rollbacks
 */

static enum tut_result
check_rollback(struct tutorial *t, const struct app *a, struct tut_verdict *v)
{
	const struct session *s = a->s;

	if (!t->saved) {
		if (!added_column(s))
			return needs_column(v);
		t->saved = mw_table_dup(s->after);
	}
	if (!session_has_change(s)) {
		t->stage = 1;
		mw_buf_adds(&v->why, "The table is back as it was: that is what the rollback does "
			    "on a database. Now redo ({redo}) until your column is back.");
		return TUT_PENDING;
	}
	if (!t->stage)
		return TUT_PENDING;
	if (mw_table_equal(s->after, t->saved))
		return TUT_DONE;
	mw_buf_adds(&v->why, "Keep redoing ({redo}) until the change is exactly as it was.");
	return TUT_PENDING;
}

/* The reverse patch of the change, as MySQL would run it. */
static void
extra_rollback(const struct app *a, mw_buf *out)
{
	const struct session *s = a->s;
	mw_buf sql = MW_BUF_INIT;

	if (!session_has_change(s) || !session_before(s))
		return;
	if (mw_change_plan_rollback(&sql, &s->plan, MW_DBMS_MYSQL, MW_GEN_NO_HEADER) == 0) {
		mw_buf_adds(out, "The rollback of your change (MySQL):\n");
		mw_buf_add(out, sql.data, sql.len);
	}
	mw_buf_release(&sql);
}

/*
 * 7 Updater entries; writing
 */

static bool
change_file_exists(const struct session *s)
{
	char *rel = session_change_rel(s), *path = mw_path_join(s->ws->root, rel);
	bool ok = mw_file_exists(path);

	free(rel);
	free(path);
	return ok;
}

static enum tut_result
check_write(struct tutorial *t, const struct app *a, struct tut_verdict *v)
{
	const struct session *s = a->s;
	bool written = s->written && !s->dirty && change_file_exists(s);

	if (!s->written && !added_column(s))
		return needs_column(v);
	if (written && seen_tab(t, TAB_FILES))
		return TUT_DONE;
	if (s->written && s->dirty)
		mw_buf_adds(&v->why, "The change was edited after it was written: write it again.");
	else if (!seen_tab(t, TAB_FILES))
		mw_buf_adds(&v->why, "Open the Files tab (6) first.");
	else
		mw_buf_adds(&v->why, "Now write the change ({write}).");
	return TUT_PENDING;
}

/*
 * 8 Testing on every DBMS
 */

static enum tut_result
check_verify(struct tutorial *t, const struct app *a, struct tut_verdict *v)
{
	const struct session *s = a->s;

	(void)t;
	if (!session_has_change(s))
		return needs_column(v);
	if (!s->verify_gen || s->verify_gen != s->gen)
		return TUT_PENDING;
	if (s->verify_ok)
		return TUT_DONE;
	mw_buf_adds(&v->why, "The round trip failed on SQLite: the patch does not turn the old "
		    "table into the new one, or loses rows.");
	return TUT_WRONG;
}

/*
 * 9 DBA review and the commit
 */

static enum tut_result
check_commit(struct tutorial *t, const struct app *a, struct tut_verdict *v)
{
	const struct session *s = a->s;

	if (s->commits > t->entry_commits)
		return TUT_DONE;
	if (!s->written && !session_has_change(s))
		return needs_column(v);
	if (!s->written || s->dirty)
		mw_buf_adds(&v->why, "Write the change first ({write}).");
	return TUT_PENDING;
}

/*
 * The table
 */

const char tut_intro[] =
	"This tutorial walks you through a schema change for MediaWiki from the first look to "
	"the commit you send for review. Each step explains one point of MediaWiki's database "
	"policy, asks you to do it in the editor, and checks that you did.\n\n"
	"Start it with `mwschema tutorial` (or `:tutorial` inside the editor). It works on a "
	"private copy of the demo workspace in $XDG_STATE_HOME/mwschema/tutorial "
	"(~/.local/state/mwschema/tutorial by default), a git repository of its own, so "
	"nothing you do touches your own checkout. Your progress is saved after each step: "
	"quit whenever you like, and `mwschema tutorial` brings you back to the same step; "
	"`mwschema tutorial --restart` starts over with a fresh copy.\n\n"
	"While it runs, the tutorial panel sits below the panes. {tutorial} hides and shows "
	"it; `:tutorial next` and `:tutorial back` skip a step or go back one, "
	"`:tutorial text` shows the whole step, and `:tutorial quit` leaves the tutorial.";

const char tut_outro[] =
	"You wrote, tested and committed a schema change the way MediaWiki's reviewers expect "
	"it. For your own work, run `mwschema` in your MediaWiki checkout; `mwschema lint`, "
	"`mwschema check` and `mwschema verify` do the same checks from the command line and "
	"in CI.";

const struct tut_step tut_steps[] = {
	{ "orientation", "Finding your way",
	  "mwschema shows a MediaWiki checkout in three panes. On the left are the tables of "
	  "`tables.json`, the abstract schema from which MediaWiki generates the SQL of every "
	  "database it supports. Next to them is the table you are on: its columns, its "
	  "indexes and its primary key. The preview pane (beside it on a wide screen, below "
	  "it on a small one) shows your change as you type: 1 the before/after diff of the "
	  "JSON, 2 to 4 the exact SQL patch for MySQL/MariaDB, PostgreSQL and SQLite, 5 the "
	  "policy findings, 6 the files that writing the change touches. This copy is yours: "
	  "nothing you do here reaches your own checkout.",
	  "Move to another table ({move-down}), put the focus on the editor pane ({next-pane}), "
	  "and look at each preview tab, 1 to 6.",
	  "Tabs are the keys 1 to 6; {next-pane} moves between the panes.",
	  check_orientation, NULL },
	{ "primary-key", "Every table has a primary key",
	  "A primary key names the column or columns that identify one row. The policy asks "
	  "for one on every table: replicas apply row changes by key (without one, they scan "
	  "the table for every row), the tools that alter big tables online refuse tables "
	  "without one, and maintenance scripts need a cheap way to reach one row. When there "
	  "is no natural key, add an unsigned auto-increment id column and make it the key. "
	  "The linter reports a table without a key as an error (rule `pk-required`).",
	  "See the error for yourself: on any table press {set-pk}, clear the field (C-u) and "
	  "press Enter. Open the Policy tab (5) and read the `pk-required` error. Then undo "
	  "({undo}) until the title bar says change: (none).",
	  "This step only removes the primary key: undo ({undo}) every other edit, press "
	  "{set-pk} and leave the field empty.",
	  check_primary_key, NULL },
	{ "unsigned", "Ids are unsigned",
	  "Ids count up from 1 and never go negative, so the policy makes integer keys "
	  "unsigned: a signed key wastes half of its range and runs out of ids twice as early. "
	  "A column that stores another table's id must hold every value of that key, so it "
	  "gets the key's exact type, unsigned too (rules `pk-unsigned` and `ref-unsigned`). The "
	  "big tables count their ids in bigint (`actor_id`, `rev_id`): 32 bits are not enough "
	  "for them.",
	  "Start the real change: on a table of your choice press {add-column} and add a column "
	  "that holds actor ids, e.g. `wl_actor` on `watchlist`: type bigint, unsigned yes "
	  "(Space switches yes/no in the form).",
	  "Select the column in the editor, press {edit}, go to 'unsigned' with Tab, press "
	  "Space to make it yes, then Enter.",
	  check_unsigned, NULL },
	{ "nullable", "New columns are nullable or have a default",
	  "A schema change reaches the wikis while the code runs, and their tables already hold "
	  "rows. A NOT NULL column without a default has no value for those rows (some "
	  "databases refuse, others invent one), and code that does not know the column yet "
	  "can no longer insert rows. So a column added to an existing table is nullable, or "
	  "NOT NULL with a default (rule `not-null-no-default`). Each database writes the change "
	  "its own way; SQLite cannot change a table in place and may rebuild it.",
	  "Make your new column nullable ('not null' no) or give it a default such as 0: "
	  "select it and press {edit}. Then compare the SQL: 2 MySQL, 3 PostgreSQL, 4 SQLite.",
	  "Select the column, press {edit}, go to 'not null' with Tab, press Space to make it "
	  "no (or type a default), then Enter.",
	  check_nullable, NULL },
	{ "patch-name", "Naming the patch",
	  "A change is a JSON file in `sql/abstractSchemaChanges`, and the generated SQL patches "
	  "and the updater entries take its name. MediaWiki names patches after what they do, "
	  "so that reviewers, the updater and the DBAs can tell them apart: `patch-<table>-<field>` "
	  "adds or changes a field, `patch-drop-<table>-<field>` drops one, `patch-<table>` creates "
	  "a table. mwschema proposes the name from your edit (it is in the title bar); a name "
	  "that does not say what the change does is reported by rule `patch-name`.",
	  "Press {change-name} to see the change's file name, check that it is "
	  "`patch-<table>-<field>` for your column, and accept it with Enter (fix it first if "
	  "it is not).",
	  "Press {change-name}, clear the field (C-u), type the name shown above, and press "
	  "Enter.",
	  check_patch_name, NULL },
	{ "rollback", "Optional changes and rollbacks",
	  "Code and schema are deployed separately. New code must work before the column "
	  "exists and after, so it uses the column only once a setting says so: a feature flag, "
	  "or a migration stage (such as `SCHEMA_COMPAT_WRITE_BOTH`) that moves from the old "
	  "column to the new one in steps. That makes the change optional, and a nullable "
	  "column or a default keeps old code working. If something goes wrong, the change is "
	  "rolled back with the reverse patch: `mwschema generate --reverse` writes it and "
	  "`mwschema verify --rollback` tests it. Rolling back an added column drops it, and "
	  "its data with it.",
	  "Roll your change back in the editor: undo ({undo}) until the title says change: "
	  "(none) and watch the previews empty. Then redo ({redo}) until the column is back "
	  "as it was.",
	  "Redo ({redo}) what you undid; if the column is no longer as it was, edit it again.",
	  check_rollback, extra_rollback },
	{ "updater", "Updater entries, and writing the change",
	  "Existing wikis get schema changes from `update.php`. Each database has an updater "
	  "(`MysqlUpdater`, `PostgresUpdater`, `SqliteUpdater`) with a list of entries such as "
	  "`addField(table, field, patch)`; a patch without an entry only ever reaches new "
	  "installations. Writing the change writes the change's JSON, the patches, the "
	  "updated `tables.json` with its generated SQL, and adds the updater entries. The Files "
	  "tab lists all of them before anything is written.",
	  "Open the Files tab (6), read the paths and the updater entries, then write the "
	  "change with {write}.",
	  "Press 6, then {write}; after any further edit, write again.",
	  check_write, NULL },
	{ "verify", "Testing on every database",
	  "A patch has to work on every database MediaWiki supports, not only on the one you "
	  "use. :verify runs a round trip on an in-memory SQLite: it creates the table as it "
	  "was, inserts sample rows, applies the patch, compares the result with a fresh "
	  "CREATE of the new table, and checks that the rows survived. `mwschema verify` runs "
	  "the same on real MariaDB and PostgreSQL servers (and --rollback tests the way "
	  "back); run it before you ask for review.",
	  "Run `:verify`, read the steps, and close the result with q.",
	  "Read the line of the step that failed, fix the column in the editor, and run "
	  "`:verify` again.",
	  check_verify, NULL },
	{ "review", "Asking for DBA review",
	  "Schema changes are reviewed by the DBAs before they reach production. Make their "
	  "review easy: one commit with only the change (its JSON, the generated SQL, "
	  "`tables.json` and the updater entries); a subject that says what it does; a body "
	  "that says why, whether the change is optional and how it is rolled back; and a Bug: "
	  "footer naming the Phabricator task. The deployment to the big wikis is then tracked "
	  "in a task of its own for the DBAs.",
	  "Press {commit}, keep or improve the subject, give a Bug id (e.g. T12345), say why "
	  "in the body's first field (the others are prefilled), and commit with Enter.",
	  "The Bug field takes a task id: T followed by digits.",
	  check_commit, NULL },
};

const size_t tut_nsteps = sizeof(tut_steps) / sizeof(*tut_steps);

/* vim: set ts=8 sw=8 noexpandtab: */
