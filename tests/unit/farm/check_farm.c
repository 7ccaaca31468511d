/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests of the farm module's catalog logic, without a database: the
 * physical spelling of schema columns per engine, catalog types back to
 * abstract types, and the round trip every audit rests on: the catalog
 * shape a schema table gives, turned back into a model table, diffs empty
 * against that table (every table of the corpus, on all three platforms);
 * drift put into a shape comes out as the diff items it should.
 */
#include <config.h>

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mwschema/diff.h"
#include "mwschema/farm.h"
#include "mwschema/fs.h"
#include "mwschema/json.h"

static const mw_dbms dbmses[] = { MW_DBMS_MYSQL, MW_DBMS_POSTGRES, MW_DBMS_SQLITE };

static mw_column
col(const char *name, mw_type type)
{
	mw_column c;

	memset(&c, 0, sizeof(c));
	c.name = (char *)name;
	c.type = type;
	c.notnull = true;
	return c;
}

static void
assert_phys(const mw_column *c, mw_dbms dbms, const char *charset, const char *type,
	    const char *deflt)
{
	mw_shape_column p;

	mw_farm_phys_column(&p, c, false, dbms, charset);
	ck_assert_str_eq(p.type, type);
	if (deflt)
		ck_assert_str_eq(p.deflt, deflt);
	else
		ck_assert_msg(!p.deflt, "default %s", p.deflt);
	mw_farm_phys_clear(&p);
}

START_TEST(test_phys_mysql)
{
	mw_column c = col("x", MW_T_INTEGER);

	c.is_unsigned = true;
	c.autoincrement = true;
	assert_phys(&c, MW_DBMS_MYSQL, NULL, "int unsigned", NULL);
	c = col("x", MW_T_STRING);
	c.has_length = true;
	c.length = 255;
	assert_phys(&c, MW_DBMS_MYSQL, NULL, "varbinary(255)", NULL);
	assert_phys(&c, MW_DBMS_MYSQL, "binary", "varbinary(255)", NULL);
	assert_phys(&c, MW_DBMS_MYSQL, "utf8mb4", "varchar(255)", NULL);
	c = col("x", MW_T_TEXT);
	assert_phys(&c, MW_DBMS_MYSQL, NULL, "longblob", NULL);
	assert_phys(&c, MW_DBMS_MYSQL, "", "longtext", NULL);
	c = col("x", MW_T_BOOLEAN);
	c.deflt.kind = MW_V_BOOL;
	c.deflt.text = (char *)"";
	assert_phys(&c, MW_DBMS_MYSQL, NULL, "tinyint(1)", "0");
	assert_phys(&c, MW_DBMS_POSTGRES, NULL, "boolean", "false");
	/* MySQL pads a BINARY(n) default with NULs */
	c = col("x", MW_T_BINARY);
	c.fixed = c.has_length = true;
	c.length = 4;
	c.deflt.kind = MW_V_STRING;
	c.deflt.text = (char *)"a";
	assert_phys(&c, MW_DBMS_MYSQL, NULL, "binary(4)", "a\\0\\0\\0");
	assert_phys(&c, MW_DBMS_SQLITE, NULL, "blob", "a");
	/* numbers are kept as numbers: DECIMAL at its scale */
	c = col("x", MW_T_DECIMAL);
	c.precision = 10;
	c.scale = 2;
	c.deflt.kind = MW_V_STRING;
	c.deflt.text = (char *)"1.5";
	assert_phys(&c, MW_DBMS_MYSQL, NULL, "decimal(10,2)", "1.50");
	assert_phys(&c, MW_DBMS_POSTGRES, NULL, "numeric(10,2)", "1.5");
	c = col("x", MW_T_MWTIMESTAMP);
	c.deflt.kind = MW_V_STRING;
	c.deflt.text = (char *)"19700101000000";
	assert_phys(&c, MW_DBMS_POSTGRES, NULL, "timestamp with time zone", "1970-01-01 00:00:00+00");
	c.deflt.kind = MW_V_NONE;
	c.deflt.text = NULL;
	assert_phys(&c, MW_DBMS_MYSQL, NULL, "binary(14)", NULL);
	assert_phys(&c, MW_DBMS_POSTGRES, NULL, "timestamp with time zone", NULL);
	c.notnull = false;
	assert_phys(&c, MW_DBMS_SQLITE, NULL, "blob", NULL);
}
END_TEST

START_TEST(test_phys_type)
{
	static const char *const cases[][2] = {
		{ "int(10) unsigned", "int unsigned" }, { "bigint(20)", "bigint" },
		{ "tinyint(1)", "tinyint(1)" }, { "tinyint(3) unsigned", "tinyint unsigned" },
		{ "VARBINARY(255)", "varbinary(255)" }, { "decimal(10, 2)", "decimal(10,2)" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char *t = mw_farm_phys_type(cases[i][0], MW_DBMS_MYSQL);

		ck_assert_str_eq(t, cases[i][1]);
		free(t);
	}
}
END_TEST

/* The shape a fresh CREATE of `t` gives, as mw_engine_read_shape would read it. */
static void
shape_of(mw_shape *s, const mw_table *t, mw_dbms dbms, const char *charset)
{
	memset(s, 0, sizeof(*s));
	s->name = mw_xstrdup(t->name);
	s->columns = mw_xcalloc(t->ncolumns + 1, sizeof(*s->columns));
	for (size_t i = 0; i < t->ncolumns; i++)
		mw_farm_phys_column(&s->columns[s->ncolumns++], &t->columns[i],
				    mw_table_in_pk(t, t->columns[i].name), dbms, charset);
	s->pk = mw_strv_dup(t->pk, t->npk);
	s->npk = t->npk;
	s->indexes = mw_xcalloc(t->nindexes + 1, sizeof(*s->indexes));
	for (size_t i = 0; i < t->nindexes; i++)
		mw_farm_phys_index(&s->indexes[s->nindexes++], &t->indexes[i], t, dbms, charset);
}

static size_t
diff_count(const mw_shape *s, const mw_table *t, mw_dbms dbms, const char *charset,
	   mw_table_diff *keep)
{
	mw_table *live = mw_farm_live_table(s, t->name, t, dbms, charset);
	mw_table_diff d = MW_TABLE_DIFF_INIT;
	size_t n;

	mw_table_diff_compute(&d, live, t, dbms);
	n = d.nitems;
	if (keep) {
		/* the items borrow the tables: keep only the kinds and names */
		keep->nitems = 0;
		for (size_t i = 0; i < d.nitems && i < keep->cap; i++) {
			keep->items[i].kind = d.items[i].kind;
			keep->items[i].name = strcmp(d.items[i].name, "primary") ? "item" : "primary";
			keep->items[i].col_changes = d.items[i].col_changes;
			keep->nitems++;
		}
	}
	mw_table_diff_clear(&d);
	mw_table_free(live);
	return n;
}

static size_t
roundtrip_file(const char *path, size_t *tables)
{
	mw_diags diags = MW_DIAGS_INIT;
	mw_doc *doc = NULL;
	size_t bad = 0;

	if (mw_doc_load_file(&doc, path, &diags) < 0 || doc->kind == MW_DOC_CHANGE) {
		mw_diags_free(&diags);
		mw_doc_free(doc);
		return 0;
	}
	for (size_t i = 0; i < doc->schema.ntables; i++) {
		const mw_table *t = &doc->schema.tables[i];

		for (size_t d = 0; d < 3; d++) {
			mw_shape s;

			shape_of(&s, t, dbmses[d], NULL);
			if (diff_count(&s, t, dbmses[d], NULL, NULL)) {
				fprintf(stderr, "round trip differs: %s %s on %s\n", path, t->name,
					mw_dbms_name(dbmses[d]));
				bad++;
			}
			mw_shape_clear(&s);
		}
		(*tables)++;
	}
	mw_doc_free(doc);
	mw_diags_free(&diags);
	return bad;
}

static size_t
roundtrip_dir(const char *dir, size_t *tables, size_t *files)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t bad = 0;

	while (d && (e = readdir(d))) {
		size_t l = strlen(e->d_name);
		char *path;

		if (e->d_name[0] == '.' || l < 6 || strcmp(e->d_name + l - 5, ".json"))
			continue;
		path = mw_path_join(dir, e->d_name);
		bad += roundtrip_file(path, tables);
		(*files)++;
		free(path);
	}
	if (d)
		closedir(d);
	return bad;
}

START_TEST(test_roundtrip_corpus)
{
	static const char *const sources[] = { "core", "echo", "oauth", "abusefilter", "checkuser",
					       "synthetic", "synthetic-c" };
	const char *corpus = getenv("MW_CORPUS");
	size_t bad = 0, tables = 0, files = 0;

	if (!corpus || !mw_is_dir(corpus)) {
		printf("SKIP: corpus not found (set MW_CORPUS)\n");
		return;
	}
	for (size_t i = 0; i < sizeof(sources) / sizeof(*sources); i++) {
		char *dir = mw_path_join(corpus, sources[i]);

		bad += roundtrip_dir(dir, &tables, &files);
		free(dir);
	}
	printf("round trip: %zu tables of %zu files x 3 platforms\n", tables, files);
	ck_assert_uint_gt(tables, 400);
	ck_assert_uint_eq(bad, 0);
}
END_TEST

static const char fixture[] =
	"[{\"name\": \"page\", \"columns\": ["
	"{\"name\": \"page_id\", \"type\": \"integer\", \"options\": {\"autoincrement\": true, "
	"\"unsigned\": true}},"
	"{\"name\": \"page_title\", \"type\": \"binary\", \"options\": {\"length\": 255}},"
	"{\"name\": \"page_len\", \"type\": \"integer\", \"options\": {\"unsigned\": true, "
	"\"default\": 0}},"
	"{\"name\": \"page_touched\", \"type\": \"mwtimestamp\", \"options\": {\"notnull\": true}}],"
	"\"indexes\": [{\"name\": \"page_title\", \"columns\": [\"page_title\"], \"unique\": true,"
	"\"options\": {\"lengths\": [255]}},"
	"{\"name\": \"page_len\", \"columns\": [\"page_len\"], \"unique\": false}],"
	"\"pk\": [\"page_id\"]}]";

static mw_doc *
load_fixture(void)
{
	mw_diags diags = MW_DIAGS_INIT;
	mw_doc *doc = NULL;

	ck_assert_int_eq(mw_doc_load_buffer(&doc, fixture, strlen(fixture), "fixture", &diags), 0);
	mw_diags_free(&diags);
	return doc;
}

static void
set_type(mw_shape *s, const char *column, const char *type)
{
	for (size_t i = 0; i < s->ncolumns; i++) {
		if (strcmp(s->columns[i].name, column))
			continue;
		free(s->columns[i].type);
		s->columns[i].type = mw_xstrdup(type);
	}
}

START_TEST(test_drift_items)
{
	mw_doc *doc = load_fixture();
	const mw_table *t = &doc->schema.tables[0];
	mw_diff_item items[16];
	mw_table_diff keep = { MW_DBMS_MYSQL, { 0 }, { 0 }, items, 0, 16 };
	mw_shape s;

	/* a MySQL prefix as long as the column is the whole column */
	shape_of(&s, t, MW_DBMS_MYSQL, NULL);
	ck_assert_str_eq(s.indexes[0].columns[0], "page_title");
	ck_assert_uint_eq(diff_count(&s, t, MW_DBMS_MYSQL, NULL, NULL), 0);
	/* MariaDB's display widths and its spelling of the same table */
	set_type(&s, "page_id", "int(10) unsigned");
	ck_assert_uint_eq(diff_count(&s, t, MW_DBMS_MYSQL, NULL, NULL), 0);
	/* a wider type, a lost NOT NULL */
	set_type(&s, "page_len", "bigint(20) unsigned");
	s.columns[3].notnull = false;
	ck_assert_uint_eq(diff_count(&s, t, MW_DBMS_MYSQL, NULL, &keep), 2);
	ck_assert_int_eq(items[0].kind, MW_DIFF_COLUMN_MODIFY);
	ck_assert(items[0].col_changes & MW_COLCH_TYPE);
	ck_assert(items[1].col_changes & MW_COLCH_NOTNULL);
	mw_shape_clear(&s);

	/* a type no abstract type gives still differs */
	shape_of(&s, t, MW_DBMS_MYSQL, NULL);
	set_type(&s, "page_len", "mediumint unsigned");
	ck_assert_uint_eq(diff_count(&s, t, MW_DBMS_MYSQL, NULL, &keep), 1);
	ck_assert_int_eq(items[0].kind, MW_DIFF_COLUMN_MODIFY);
	mw_shape_clear(&s);

	/* a missing column, a missing unique index, an extra index, no primary key */
	shape_of(&s, t, MW_DBMS_SQLITE, NULL);
	mw_farm_phys_clear(&s.columns[--s.ncolumns]);
	free(s.indexes[0].name);
	s.indexes[0].name = mw_xstrdup("page_extra");
	s.indexes[0].unique = false;
	mw_strv_free(s.pk, s.npk);
	s.pk = NULL;
	s.npk = 0;
	ck_assert_uint_eq(diff_count(&s, t, MW_DBMS_SQLITE, NULL, &keep), 4);
	ck_assert_int_eq(items[0].kind, MW_DIFF_COLUMN_ADD);
	ck_assert_int_eq(items[1].kind, MW_DIFF_INDEX_ADD);
	ck_assert_int_eq(items[2].kind, MW_DIFF_PK_ADD);
	ck_assert_int_eq(items[3].kind, MW_DIFF_INDEX_DROP);
	mw_shape_clear(&s);
	mw_doc_free(doc);
}
END_TEST

START_TEST(test_defaults)
{
	mw_doc *doc = load_fixture();
	const mw_table *t = &doc->schema.tables[0];
	mw_diff_item items[4];
	mw_table_diff keep = { MW_DBMS_POSTGRES, { 0 }, { 0 }, items, 0, 4 };
	mw_shape s;

	shape_of(&s, t, MW_DBMS_POSTGRES, NULL);
	free(s.columns[2].deflt);
	s.columns[2].deflt = mw_xstrdup("1");
	ck_assert_uint_eq(diff_count(&s, t, MW_DBMS_POSTGRES, NULL, &keep), 1);
	ck_assert(items[0].col_changes & MW_COLCH_DEFAULT);
	/* no default where the schema has one */
	free(s.columns[2].deflt);
	s.columns[2].deflt = NULL;
	ck_assert_uint_eq(diff_count(&s, t, MW_DBMS_POSTGRES, NULL, NULL), 1);
	mw_shape_clear(&s);
	mw_doc_free(doc);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("farm");
	TCase *tc = tcase_create("catalog");
	SRunner *sr;
	int failed;

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_phys_mysql);
	tcase_add_test(tc, test_phys_type);
	tcase_add_test(tc, test_roundtrip_corpus);
	tcase_add_test(tc, test_drift_items);
	tcase_add_test(tc, test_defaults);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
