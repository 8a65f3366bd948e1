// SPDX-License-Identifier: GPL-2.0
/*
 * The timer migration hierarchy from tmigr_connect_* trace events.
 *
 * Event formats, by kernel (fields are found by name, not position):
 *   6.9-6.10:  cpu=%d childmask=%0x parent=%p lvl=%d numa=%d num_children=%d
 *   6.11-6.18: cpu=%d groupmask=%0x parent=%p lvl=%d numa=%d num_children=%d
 *   2026:      cpu=%d groupmask=%0x parent=%p lvl=%d numa=%d capacity=%d num_children=%d
 * and the same with group=%p in place of cpu=%d for
 * tmigr_connect_child_parent.  lvl, numa and num_children describe the
 * parent.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "opt.h"
#include "tmigr.h"
#include "util.h"

#define HASHED_PTR "(____ptrval____)"

void lwt_tmigr_init(struct lwt_tmigr_forest *f, long default_capacity,
		    FILE *warn)
{
	memset(f, 0, sizeof(*f));
	f->default_capacity = default_capacity;
	f->warn = warn;
}

void lwt_tmigr_free(struct lwt_tmigr_forest *f)
{
	size_t i, j;

	for (i = 0; i < f->nhiers; i++) {
		struct lwt_tmigr_hier *h = &f->hiers[i];

		for (j = 0; j < h->nnodes; j++) {
			free(h->nodes[j]->name);
			free(h->nodes[j]->groupmask);
			free(h->nodes[j]->children);
			free(h->nodes[j]);
		}
		free(h->nodes);
	}
	free(f->hiers);
	f->hiers = NULL;
	f->nhiers = 0;
}

static void warn(struct lwt_tmigr_forest *f, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void warn(struct lwt_tmigr_forest *f, const char *fmt, ...)
{
	va_list ap;

	f->nwarnings++;
	if (!f->warn)
		return;
	fprintf(f->warn, "warning: ");
	va_start(ap, fmt);
	vfprintf(f->warn, fmt, ap);
	va_end(ap);
	fputc('\n', f->warn);
}

static struct lwt_tmigr_hier *get_hier(struct lwt_tmigr_forest *f, long capacity)
{
	struct lwt_tmigr_hier *h;
	size_t i, cap = f->nhiers;

	for (i = 0; i < f->nhiers; i++)
		if (f->hiers[i].capacity == capacity)
			return &f->hiers[i];
	if (lwt_grow(&f->hiers, &cap, f->nhiers + 1, sizeof(*f->hiers)))
		return NULL;
	h = &f->hiers[f->nhiers++];
	memset(h, 0, sizeof(*h));
	h->capacity = capacity;
	return h;
}

static struct lwt_tmigr_node *get_node(struct lwt_tmigr_hier *h, const char *name,
				       bool is_cpu, unsigned long line)
{
	struct lwt_tmigr_node *n;
	size_t i;

	for (i = 0; i < h->nnodes; i++)
		if (h->nodes[i]->is_cpu == is_cpu && !strcmp(h->nodes[i]->name, name))
			return h->nodes[i];
	if (lwt_grow(&h->nodes, &h->nodes_cap, h->nnodes + 1, sizeof(*h->nodes)))
		return NULL;
	n = calloc(1, sizeof(*n));
	if (!n || !(n->name = strdup(name))) {
		free(n);
		return NULL;
	}
	n->is_cpu = is_cpu;
	n->lvl = -1;
	n->line = line;
	h->nodes[h->nnodes++] = n;
	return n;
}

static void remove_child(struct lwt_tmigr_node *p, struct lwt_tmigr_node *c)
{
	size_t i;

	for (i = 0; i < p->nchildren; i++) {
		if (p->children[i] == c) {
			memmove(&p->children[i], &p->children[i + 1],
				(p->nchildren - i - 1) * sizeof(*p->children));
			p->nchildren--;
			return;
		}
	}
}

/* key=value fields of one event, found by name. */
struct fields {
	char	*key[16];
	char	*val[16];
	int	n;
};

static const char *field(const struct fields *fs, const char *key)
{
	int i;

	for (i = 0; i < fs->n; i++)
		if (!strcmp(fs->key[i], key))
			return fs->val[i];
	return NULL;
}

/* Split "k=v k=v ..." in place. */
static void split_fields(char *s, struct fields *fs)
{
	char *tok, *save = NULL, *eq;

	fs->n = 0;
	for (tok = strtok_r(s, " \t\r\n", &save); tok && fs->n < 16;
	     tok = strtok_r(NULL, " \t\r\n", &save)) {
		eq = strchr(tok, '=');
		if (!eq)
			continue;
		*eq = '\0';
		fs->key[fs->n] = tok;
		fs->val[fs->n] = eq + 1;
		fs->n++;
	}
}

/*
 * Find "<secs>.<usecs>: <event>: " as the seed script's regex
 * "([0-9]+[.][0-9]{6}): " does; return the text after "<event>: ".
 */
static const char *find_event(const char *line, const char *event)
{
	const char *p = strstr(line, event);
	const char *q;
	size_t len = strlen(event);
	int digits = 0;

	for (; p; p = strstr(p + 1, event)) {
		if (p[len] != ':' || p[len + 1] != ' ')
			continue;
		/* Backwards over ": ", 6 digits, '.', at least one digit. */
		q = p - 2;
		if (p - line < 10 || q[0] != ':' || q[1] != ' ')
			continue;
		for (digits = 0; digits < 6 && q > line && isdigit((unsigned char)q[-1]); digits++)
			q--;
		if (digits != 6 || q - line < 2 || q[-1] != '.' ||
		    !isdigit((unsigned char)q[-2]))
			continue;
		return p + len + 2;
	}
	return NULL;
}

static bool is_descendant(const struct lwt_tmigr_node *p, const struct lwt_tmigr_node *n)
{
	for (; p; p = p->parent)
		if (p == n)
			return true;
	return false;
}

int lwt_tmigr_parse_line(struct lwt_tmigr_forest *f, const char *line,
			 const char *file, unsigned long lineno,
			 struct lwt_err *err)
{
	static const char *const ev_cpu = "tmigr_connect_cpu_parent";
	static const char *const ev_grp = "tmigr_connect_child_parent";
	const char *rest, *name, *mask, *parent, *cap_s;
	long lvl, numa, nchild, capacity, cpu;
	struct lwt_tmigr_node *n, *p;
	struct lwt_tmigr_hier *h;
	struct fields fs;
	bool is_cpu;
	char *buf;
	int ret = -1;

	if (!strstr(line, "tmigr_connect_"))
		return 0;
	if ((rest = find_event(line, ev_cpu)))
		is_cpu = true;
	else if ((rest = find_event(line, ev_grp)))
		is_cpu = false;
	else
		return 0;

	buf = strdup(rest);
	if (!buf)
		return lwt_errf(err, file, lineno, "out of memory");
	split_fields(buf, &fs);

	name = field(&fs, is_cpu ? "cpu" : "group");
	mask = field(&fs, "groupmask");
	if (!mask)
		mask = field(&fs, "childmask");	/* 6.9 and 6.10 */
	parent = field(&fs, "parent");
	cap_s = field(&fs, "capacity");		/* 2026 and later */
	if (!name || !mask || !parent || !field(&fs, "lvl") ||
	    !field(&fs, "numa") || !field(&fs, "num_children")) {
		lwt_errf(err, file, lineno, "%s event without %s", is_cpu ? ev_cpu : ev_grp,
			 !name ? (is_cpu ? "cpu=" : "group=") : !mask ? "groupmask=" :
			 !parent ? "parent=" : !field(&fs, "lvl") ? "lvl=" :
			 !field(&fs, "numa") ? "numa=" : "num_children=");
		goto out;
	}
	if (!strcmp(parent, HASHED_PTR) || !strcmp(name, HASHED_PTR)) {
		lwt_errf(err, file, lineno,
			 "pointers are printed as " HASHED_PTR ": the events were "
			 "printed before the kernel's pointer hashing was ready, so "
			 "every group looks the same and the tree would be wrong. "
			 "Boot with no_hash_pointers");
		goto out;
	}
	if (lwt_parse_long(field(&fs, "lvl"), 0, 64, &lvl) ||
	    lwt_parse_long(field(&fs, "numa"), -1, 1L << 20, &numa) ||
	    lwt_parse_long(field(&fs, "num_children"), 0, 1L << 20, &nchild) ||
	    (is_cpu && lwt_parse_long(name, 0, 1L << 22, &cpu))) {
		lwt_errf(err, file, lineno, "bad number in %s event", is_cpu ? ev_cpu : ev_grp);
		goto out;
	}
	capacity = f->default_capacity;
	if (cap_s && lwt_parse_long(cap_s, -1, 1L << 30, &capacity)) {
		lwt_errf(err, file, lineno, "bad capacity=%s", cap_s);
		goto out;
	}

	h = get_hier(f, capacity);
	n = h ? get_node(h, name, is_cpu, lineno) : NULL;
	p = n ? get_node(h, parent, false, lineno) : NULL;
	if (!p) {
		lwt_errf(err, file, lineno, "out of memory");
		goto out;
	}
	if (n == p || is_descendant(p, n)) {
		lwt_errf(err, file, lineno, "connecting %s to %s would make a cycle",
			 name, parent);
		goto out;
	}
	if (n->parent == p) {
		warn(f, "%s:%lu: duplicate connect of %s %s to %s; ignored",
		     file, lineno, is_cpu ? "cpu" : "group", name, parent);
	} else {
		if (n->parent) {
			warn(f, "%s:%lu: %s %s connected again, from %s to %s",
			     file, lineno, is_cpu ? "cpu" : "group", name,
			     n->parent->name, parent);
			remove_child(n->parent, n);
		}
		if (lwt_grow(&p->children, &p->children_cap, p->nchildren + 1,
			     sizeof(*p->children))) {
			lwt_errf(err, file, lineno, "out of memory");
			goto out;
		}
		p->children[p->nchildren++] = n;
		n->parent = p;
	}
	free(n->groupmask);
	n->groupmask = strdup(mask);
	if (is_cpu) {
		n->lvl = -1;
		n->numa = numa;
		n->has_numa = true;
	}
	p->lvl = lvl;
	p->numa = numa;
	p->has_numa = true;
	p->num_children = nchild;
	f->nevents++;
	ret = 0;
out:
	free(buf);
	return ret;
}

static int tmigr_line(void *f, const char *line, const char *file,
		      unsigned long lineno, struct lwt_err *err)
{
	return lwt_tmigr_parse_line(f, line, file, lineno, err);
}

int lwt_tmigr_parse_stream(struct lwt_tmigr_forest *f, FILE *in,
			   const char *file, struct lwt_err *err)
{
	return lwt_read_lines(in, file, tmigr_line, f, NULL, err);
}

int lwt_tmigr_roots(struct lwt_tmigr_forest *f, const struct lwt_tmigr_hier *h,
		    struct lwt_tmigr_node ***roots, size_t *nroots,
		    struct lwt_err *err)
{
	struct lwt_tmigr_node **r = NULL, *n;
	size_t i, j, nr = 0, cap = 0;

	for (i = 0; i < h->nnodes; i++) {
		if (h->nodes[i]->parent)
			continue;
		n = h->nodes[i];
		if (lwt_grow(&r, &cap, nr + 1, sizeof(*r))) {
			free(r);
			return lwt_errf(err, NULL, 0, "out of memory");
		}
		r[nr++] = n;
	}
	/*
	 * The seed script climbs from the first node it saw to the root and
	 * prints that tree only; put that root first.
	 */
	if (nr > 1 && h->nnodes) {
		for (n = h->nodes[0]; n->parent; n = n->parent)
			;
		for (j = 0; j < nr && r[j] != n; j++)
			;
		if (j < nr) {
			memmove(&r[1], &r[0], j * sizeof(*r));
			r[0] = n;
		}
		for (j = 1; j < nr; j++)
			warn(f, "capacity %ld: %s %s (lvl %d, first seen at line %lu) "
			     "is a second root: its parent was never connected; "
			     "the hierarchy is incomplete", h->capacity,
			     r[j]->is_cpu ? "cpu" : "group", r[j]->name,
			     r[j]->lvl, r[j]->line);
	}
	*roots = r;
	*nroots = nr;
	return 0;
}

/* ---- ete3 get_ascii() ---- */

struct lines {
	char	**v;
	size_t	n, cap;
};

static int lines_push(struct lines *l, char *s)
{
	if (!s || lwt_grow(&l->v, &l->cap, l->n + 1, sizeof(*l->v))) {
		free(s);
		return -1;
	}
	l->v[l->n++] = s;
	return 0;
}

static void lines_free(struct lines *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* ', '.join of name, "node N" and "lvl:N", as the seed's attributes. */
static char *label(const struct lwt_tmigr_node *n)
{
	char *s = NULL;
	int r;

	if (!n)
		return strdup("");	/* the unnamed Tree() root */
	if (n->has_numa)
		r = asprintf(&s, "%s, node %d, lvl:%d", n->name, n->numa, n->lvl);
	else
		r = asprintf(&s, "%s, lvl:%d", n->name, n->lvl);
	return r < 0 ? NULL : s;
}

/*
 * TreeNode._asciiArt(char1, show_internal=True, compact=False): the lines
 * of the subtree and the index of the line its label is on.  @n NULL is the
 * unnamed root, whose only child is @only.
 */
static int ascii_art(const struct lwt_tmigr_node *n, const struct lwt_tmigr_node *only,
		     char char1, struct lines *out, size_t *mid_out)
{
	struct lwt_tmigr_node *const *kids =
		n ? n->children : (struct lwt_tmigr_node *const *)&only;
	size_t nk = n ? n->nchildren : 1;
	char *name = label(n), *s;
	size_t namelen, len, i, j, lo = 0, hi = 0, mid, *mids = NULL;
	struct lines res = { 0 };
	int ret = -1;

	if (!name)
		return -1;
	namelen = strlen(name);
	len = namelen > 3 ? namelen : 3;

	if (nk == 0) {
		if (asprintf(&s, "%c-%s", char1, name) < 0 || lines_push(out, s))
			goto out;
		*mid_out = 0;
		ret = 0;
		goto out;
	}

	mids = calloc(nk, sizeof(*mids));
	if (!mids)
		goto out;
	for (i = 0; i < nk; i++) {
		char char2 = (nk == 1 || i == 0) ? '/' : (i == nk - 1 ? '\\' : '-');
		struct lines cl = { 0 };
		size_t cm;

		if (ascii_art(kids[i], NULL, char2, &cl, &cm)) {
			lines_free(&cl);
			goto out;
		}
		mids[i] = cm + res.n;
		for (j = 0; j < cl.n; j++) {
			if (lines_push(&res, cl.v[j])) {
				cl.v[j] = NULL;
				lines_free(&cl);
				goto out;
			}
			cl.v[j] = NULL;
		}
		lines_free(&cl);
		if (lines_push(&res, strdup("")))
			goto out;
	}
	free(res.v[--res.n]);	/* no blank line after the last child */

	lo = mids[0];
	hi = mids[nk - 1];
	mid = (lo + hi) / 2;
	for (i = 0; i < res.n; i++) {
		/* [PAD]*(lo+1) + [PA+'|']*(hi-lo-1) + [PAD]*(end-hi) */
		bool bar = i > lo && i < hi;
		size_t llen = strlen(res.v[i]);
		char *p = malloc(len + llen + namelen + 2);

		if (!p)
			goto out;
		memset(p, ' ', len);
		if (bar)
			p[len - 1] = '|';
		if (i == mid) {
			/* char1 + '-'*(LEN-2) + prefixes[mid][-1] */
			p[0] = char1;
			memset(p + 1, '-', len - 2);
		}
		memcpy(p + len, res.v[i], llen + 1);
		if (i == mid) {
			/* stem[0] + node_name + stem[len(node_name)+1:] */
			size_t slen = len + llen;
			char *tail = slen > namelen + 1 ? strdup(p + namelen + 1) : strdup("");

			if (!tail) {
				free(p);
				goto out;
			}
			memcpy(p + 1, name, namelen);
			strcpy(p + 1 + namelen, tail);
			free(tail);
		}
		free(res.v[i]);
		res.v[i] = p;
	}
	for (i = 0; i < res.n; i++) {
		if (lines_push(out, res.v[i])) {
			res.v[i] = NULL;
			goto out;
		}
		res.v[i] = NULL;
	}
	*mid_out = mid;
	ret = 0;
out:
	lines_free(&res);
	free(mids);
	free(name);
	return ret;
}

int lwt_tmigr_print_ascii(FILE *out, const struct lwt_tmigr_node *root,
			  struct lwt_err *err)
{
	struct lines l = { 0 };
	size_t mid, i;

	if (ascii_art(NULL, root, '-', &l, &mid)) {
		lines_free(&l);
		return lwt_errf(err, NULL, 0, "out of memory");
	}
	fputc('\n', out);
	for (i = 0; i < l.n; i++)
		fprintf(out, "%s\n", l.v[i]);
	lines_free(&l);
	return 0;
}

/* ---- JSON ---- */

int lwt_tmigr_print_json(FILE *out, struct lwt_tmigr_forest *f,
			 struct lwt_err *err)
{
	struct lwt_tmigr_node **roots;
	size_t i, j, k, nr;

	fprintf(out, "{\"hierarchies\": [\n");
	for (i = 0; i < f->nhiers; i++) {
		struct lwt_tmigr_hier *h = &f->hiers[i];

		if (lwt_tmigr_roots(f, h, &roots, &nr, err))
			return -1;
		fprintf(out, "{\"capacity\": %ld, \"roots\": [", h->capacity);
		for (j = 0; j < nr; j++) {
			fprintf(out, j ? ", " : "");
			lwt_json_str(out, roots[j]->name);
		}
		free(roots);
		fprintf(out, "], \"nodes\": [\n");
		for (j = 0; j < h->nnodes; j++) {
			struct lwt_tmigr_node *n = h->nodes[j];

			fprintf(out, "{\"name\": ");
			lwt_json_str(out, n->name);
			fprintf(out, ", \"cpu\": %s, \"groupmask\": ", n->is_cpu ? "true" : "false");
			if (n->groupmask)
				lwt_json_str(out, n->groupmask);
			else
				fprintf(out, "null");
			fprintf(out, ", \"lvl\": %d, \"numa\": ", n->lvl);
			if (n->has_numa)
				fprintf(out, "%d", n->numa);
			else
				fprintf(out, "null");
			fprintf(out, ", \"num_children\": %d, \"parent\": ", n->num_children);
			if (n->parent)
				lwt_json_str(out, n->parent->name);
			else
				fprintf(out, "null");
			fprintf(out, ", \"children\": [");
			for (k = 0; k < n->nchildren; k++) {
				fprintf(out, k ? ", " : "");
				lwt_json_str(out, n->children[k]->name);
			}
			fprintf(out, "]}%s\n", j + 1 < h->nnodes ? "," : "");
		}
		fprintf(out, "]}%s\n", i + 1 < f->nhiers ? "," : "");
	}
	fprintf(out, "]}\n");
	return 0;
}
