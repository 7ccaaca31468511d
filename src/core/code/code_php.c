/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Finding the uses of names in one PHP file (see mwschema/code.h): a walk
 * over code_lex's tokens that keeps a stack of the brackets it is in, so that
 * every string knows the call holding it, which argument it is, whether it
 * is an array key, and whether the array around it is an updater entry.
 */
#include <config.h>

#include "core/code/internal.h"

#include <string.h>
#include <strings.h>

#define WALK_DEPTH 64

/* What a call's arguments are to the schema. */
enum call_kind {
	CALL_PLAIN,
	CALL_TABLE,	/* its first argument names tables */
	CALL_INDEX,	/* its arguments name indexes */
	CALL_SKIP,	/* the updater's bookkeeping */
};

struct frame {
	char bracket;		/* '(', '[', '{' */
	bool array;		/* an array literal: [ ... ] or array( ... ) */
	uint8_t inherited;	/* the contexts of the frames around */
	uint8_t own;		/* CTX_SKIP once an array is an updater entry */
	uint8_t entry;		/* from the current entry's key: 'tables' =>, 'USE INDEX' => */
	enum call_kind kind;
	unsigned arg;		/* commas seen */
	int call;		/* the frame of the innermost call around, -1 = none */
	size_t name, name_len;	/* a call: its name in the text */
	bool method;		/* ->name( or ::name( rather than name( */
	uint32_t call_id;	/* its id once a use needed it */
};

struct walker {
	mw_code *code;
	uint32_t file;
	const char *s;
	struct frame frames[WALK_DEPTH];
	int depth, overflow;
	struct php_tok prev;		/* the previous token */
	bool prev_member;		/* prev is a name after "->" or "::" */
	enum php_tok_kind receiver;	/* what came before the last "->": ")" for a chain */
	bool literal_waits;		/* a whole string literal: a key if "=>" follows */
	struct php_tok literal;
	bool property_waits;		/* a name after "->": a property unless "(" follows */
	struct php_tok property;
	size_t cp_line_start, cp_pos;	/* column checkpoint on the current line */
	uint32_t cp_col;
};

struct name {
	const char *s;
	size_t len;
};
#define N(s) { s, sizeof(s) - 1 }

static bool
name_is(const char *s, size_t len, const struct name *names)
{
	for (; names->s; names++)
		if (names->len == len && names->s[0] == s[0] && !memcmp(names->s, s, len))
			return true;
	return false;
}

/* Calls and updater entries that roll a schema change out rather than use it. */
static const struct name bookkeeping[] = {
	N("addExtensionTable"), N("addExtensionField"), N("addExtensionIndex"),
	N("dropExtensionTable"), N("dropExtensionField"), N("dropExtensionIndex"),
	N("modifyExtensionField"), N("modifyExtensionIndex"), N("modifyExtensionTable"),
	N("renameExtensionIndex"), N("addExtensionUpdate"),
	N("addExtensionUpdateOnVirtualDomain"), N("fieldExists"), N("indexExists"),
	N("tableExists"), N("fieldInfo"), N("indexInfo"), N("indexUnique"), N("addField"),
	N("dropField"), N("modifyField"), N("changeField"), N("addIndex"), N("dropIndex"),
	N("renameIndex"), N("addTable"), N("dropTable"), N("modifyTable"), N("renameTable"),
	N("modifyPrimaryKey"), N("dropPrimaryKey"), N("addPgField"), N("dropPgField"),
	N("addPgIndex"), N("addPgExtIndex"), N("dropPgIndex"), N("changeNullableField"),
	N("setDefault"), N("dropDefault"), N("dropConstraint"), N("dropFkey"),
	N("changeFkeyDeferrable"), N("renameSequence"), N("checkIndex"), N("ifTableNotExists"),
	N("ifFieldExists"), { NULL, 0 },
};

static const struct name table_calls[] = {
	N("from"), N("table"), N("join"), N("leftJoin"), N("straightJoin"), N("update"),
	N("insertInto"), N("insert"), N("deleteFrom"), N("delete"), N("replaceInto"),
	N("replace"), N("upsert"), N("insertSelect"), N("select"), N("selectRow"),
	N("selectField"), N("selectFieldValues"), N("selectRowCount"), N("estimateRowCount"),
	N("selectSQLText"), N("lockForUpdate"), N("tableName"), N("tableNames"),
	N("tableNamesN"), { NULL, 0 },
};

static const struct name index_calls[] = {
	N("useIndex"), N("ignoreIndex"), { NULL, 0 },
};

/* The calls with a meaning, by name (built with the index, so a lookup is one hash). */
void
code_init_calls(mw_strmap *kinds)
{
	static const struct { const struct name *names; enum call_kind kind; } lists[] = {
		{ table_calls, CALL_TABLE }, { index_calls, CALL_INDEX }, { bookkeeping, CALL_SKIP },
	};

	for (size_t i = 0; i < 3; i++)
		for (const struct name *n = lists[i].names; n->s; n++)
			mw_strmap_addn(kinds, n->s, n->len, (void *)(uintptr_t)lists[i].kind);
}

static enum call_kind
classify_call(const struct walker *w, const char *s, size_t len)
{
	return (enum call_kind)(uintptr_t)mw_strmap_getn(&w->code->call_kinds, s, len);
}

static uint8_t
context(const struct walker *w)
{
	const struct frame *f = &w->frames[w->depth];
	uint8_t ctx = f->inherited | f->own | f->entry;

	if (f->kind == CALL_TABLE && f->arg == 0)
		ctx |= CTX_TABLE;
	else if (f->kind == CALL_INDEX)
		ctx |= CTX_INDEX;
	else if (f->kind == CALL_SKIP)
		ctx |= CTX_SKIP;
	return ctx;
}

/* The column, in characters, of `pos` on the line starting at line_start. */
static uint32_t
column_of(struct walker *w, size_t line_start, size_t pos)
{
	size_t i;

	if (w->cp_line_start != line_start || pos < w->cp_pos) {
		w->cp_line_start = w->cp_pos = line_start;
		w->cp_col = 1;
	}
	/* ASCII a word at a time; only bytes of UTF-8 need counting one by one */
	for (i = w->cp_pos; i + 8 <= pos; i += 8) {
		uint64_t word;

		memcpy(&word, w->s + i, 8);
		if (word & 0x8080808080808080ULL)
			break;
		w->cp_col += 8;
	}
	for (; i < pos; i++)
		w->cp_col += ((unsigned char)w->s[i] & 0xC0) != 0x80;
	w->cp_pos = pos;
	return w->cp_col;
}

static uint32_t
call_of(struct walker *w)
{
	int at = w->frames[w->depth].call;
	struct frame *f;

	if (at < 0)
		return 0;
	f = &w->frames[at];
	if (!f->call_id) {
		mw_buf name = MW_BUF_INIT;

		/* "->where" for a method, "unset" for a function: as the reader knows it */
		mw_buf_addf(&name, "%s%.*s", f->method ? "->" : "", (int)f->name_len, w->s + f->name);
		f->call_id = code_call_id(w->code, name.data, name.len);
		mw_buf_release(&name);
	}
	return f->call_id;
}

static void
add_use(struct walker *w, size_t start, size_t len, int line, size_t line_start,
	mw_code_form form, uint8_t ctx)
{
	struct code_posting p = { 0 };

	if (ctx & CTX_SKIP)
		return;
	p.line = (uint32_t)line;
	p.column = column_of(w, line_start, start);
	p.call = call_of(w);
	p.form = (uint8_t)form;
	p.ctx = ctx & (CTX_TABLE | CTX_INDEX);
	code_add_use(w->code, w->file, w->s + start, len, p);
}

static bool
word_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool
word_char(unsigned char c)
{
	return word_start(c) || (c >= '0' && c <= '9');
}

static bool
is_identifier(const char *s, size_t len)
{
	if (!len || !word_start((unsigned char)s[0]))
		return false;
	for (size_t i = 1; i < len; i++)
		if (!word_char((unsigned char)s[i]))
			return false;
	return true;
}

/* The context SQL gives the word after `kw`: FROM page, USE INDEX (rev_timestamp). */
static uint8_t
sql_context(const char *kw, size_t len)
{
	static const struct name tables[] = {
		N("FROM"), N("JOIN"), N("INTO"), N("UPDATE"), N("TABLE"), { NULL, 0 },
	};
	static const struct name indexes[] = { N("INDEX"), N("KEY"), { NULL, 0 } };

	/* SQL keywords in capitals, as MediaWiki writes them: "from" in a
	   message ("moving rows from cu_changes") is English */
	if (len < 3 || kw[0] < 'A' || kw[0] > 'Z')
		return 0;
	return name_is(kw, len, tables) ? CTX_TABLE : name_is(kw, len, indexes) ? CTX_INDEX : 0;
}

/* Every word of a string chunk is a use (raw SQL, "rev_id = 1", 'r.rev_id DESC'). */
static void
string_words(struct walker *w, const struct php_tok *t)
{
	int line = t->line;
	size_t line_start = t->line_start, kw = 0, kw_len = 0;
	uint8_t ctx = context(w);

	for (size_t i = t->start; i < t->end;) {
		unsigned char c = (unsigned char)w->s[i];
		size_t start = i;

		if (c == '\n') {
			line++;
			line_start = ++i;
		} else if (c == '\\') {
			i += 2;	/* \n, \t, \' : never part of a name */
		} else if (word_start(c)) {
			while (i < t->end && word_char((unsigned char)w->s[i]))
				i++;
			add_use(w, start, i - start, line, line_start, MW_CODE_SQL,
				ctx | sql_context(w->s + kw, kw_len));
			kw = start;
			kw_len = i - start;
		} else if (c >= '0' && c <= '9') {
			/* a number, and what sticks to it ("3rd") is no name */
			while (i < t->end && word_char((unsigned char)w->s[i]))
				i++;
		} else {
			i++;
		}
	}
}

static uint8_t
key_context(const char *s, size_t len)
{
	static const struct name index_options[] = {
		N("USE INDEX"), N("FORCE INDEX"), N("IGNORE INDEX"), { NULL, 0 },
	};

	if (len == 6 && !memcmp(s, "tables", 6))
		return CTX_TABLE;
	return name_is(s, len, index_options) ? CTX_INDEX : 0;
}

/* A whole string literal, now that the token after it is known. */
static void
settle_literal(struct walker *w, bool is_key)
{
	const struct php_tok *t = &w->literal;
	struct frame *f = &w->frames[w->depth];
	const char *s = w->s + t->start;
	size_t len = t->end - t->start;
	bool ident = is_identifier(s, len);

	w->literal_waits = false;
	if (is_key) {
		if (ident)
			add_use(w, t->start, len, t->line, t->line_start, MW_CODE_KEY, context(w));
		f->entry = key_context(s, len);
	} else if (f->array && f->arg == 0 && ident && name_is(s, len, bookkeeping)) {
		f->own |= CTX_SKIP;	/* [ 'dropField', 'revision', 'rev_text_id', ... ] */
	} else if (ident) {
		add_use(w, t->start, len, t->line, t->line_start, MW_CODE_LITERAL, context(w));
	} else {
		string_words(w, t);
	}
}

static void
open_frame(struct walker *w, const struct php_tok *t)
{
	const struct frame *up = &w->frames[w->depth];
	bool after_name = w->prev.kind == PT_NAME;
	uint8_t around = context(w);
	struct frame *f;

	if (w->depth + 1 >= WALK_DEPTH) {
		w->overflow++;
		return;
	}
	f = &w->frames[++w->depth];
	memset(f, 0, sizeof(*f));
	f->bracket = t->bracket;
	f->call = up->call;
	/* a block starts afresh; brackets inherit what holds them */
	f->inherited = t->bracket == '{' ? 0 : around;
	if (t->bracket == '{') {
		f->call = -1;
	} else if (t->bracket == '(' && after_name &&
		   !(w->prev.end - w->prev.start == 5 && !strncasecmp(w->s + w->prev.start, "array", 5))) {
		f->name = w->prev.start;
		f->name_len = w->prev.end - w->prev.start;
		f->kind = classify_call(w, w->s + f->name, f->name_len);
		f->method = w->prev_member;
		/* $db->select( 'page', ... ) names tables; a query builder's chained
		   ->select( ... ) names fields */
		if (f->method && w->receiver == PT_CLOSE && f->name_len == 6 &&
		    !memcmp(w->s + f->name, "select", 6))
			f->kind = CALL_PLAIN;
		f->call = w->depth;
	} else {
		/* [ after a value is a subscript ($row['x']), otherwise an array */
		f->array = t->bracket == '(' || !(w->prev.kind == PT_VAR || w->prev.kind == PT_NAME ||
						  w->prev.kind == PT_CLOSE || w->prev.kind == PT_STR);
	}
}

static void
close_frame(struct walker *w)
{
	if (w->overflow)
		w->overflow--;
	else if (w->depth > 0)
		w->depth--;
}

static void
walk_token(struct walker *w, const struct php_tok *t)
{
	if (w->literal_waits)
		settle_literal(w, t->kind == PT_ARROW);
	if (w->property_waits && !(t->kind == PT_OPEN && t->bracket == '('))
		add_use(w, w->property.start, w->property.end - w->property.start,
			w->property.line, w->property.line_start, MW_CODE_PROPERTY, context(w));
	w->property_waits = false;
	switch (t->kind) {
	case PT_STR:
		if (t->whole) {
			w->literal = *t;
			w->literal_waits = true;
		} else {
			string_words(w, t);
		}
		break;
	case PT_NAME:
		if (w->prev.kind == PT_MEMBER && w->s[w->prev.start] != ':') {
			w->property = *t;
			w->property_waits = true;
		}
		break;
	case PT_OPEN:
		open_frame(w, t);
		break;
	case PT_CLOSE:
		close_frame(w);
		break;
	case PT_MEMBER:
		w->receiver = w->prev.kind;
		break;
	case PT_COMMA:
		w->frames[w->depth].arg++;
		w->frames[w->depth].entry = 0;
		break;
	default:
		break;
	}
	w->prev_member = t->kind == PT_NAME && w->prev.kind == PT_MEMBER;
	w->prev.kind = t->kind;
	w->prev.start = t->start;
	w->prev.end = t->end;
}

void
code_index_php(mw_code *code, uint32_t file, const char *text, size_t len)
{
	struct walker w;
	struct code_lex lx;
	struct php_tok t;

	memset(&w, 0, sizeof(w));
	w.code = code;
	w.file = file;
	w.s = text;
	w.frames[0].call = -1;
	w.cp_col = 1;
	code_lex_init(&lx, text, len);
	while (code_lex_next(&lx, &t))
		walk_token(&w, &t);
	walk_token(&w, &t);	/* settles what still waits */
}
