// SPDX-License-Identifier: GPL-2.0
/*
 * The facility framework: state machine, control files, views.  See
 * facility.h for the rules every facility follows.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ctype.h>
#include <linux/debugfs.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/proc_fs.h>
#include <linux/module.h>
#include <linux/security.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>
#include "compat.h"
#include "facility.h"

const char *const lwt_loc_name[LWT_LOC_NR] = LWT_LOC_NAMES;

/* ---- parsing ---- */

/* Longest accepted write: a 64-bit octal number and a newline fit. */
#define LWT_NUM_MAX 24

int lwt_parse_ulong(const char __user *ubuf, size_t count, loff_t pos,
		    unsigned long min, unsigned long max, unsigned long *val)
{
	char buf[LWT_NUM_MAX + 1];
	size_t len = count, i;

	if (pos != 0 || count == 0 || count > LWT_NUM_MAX)
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	if (buf[len - 1] == '\n')
		len--;
	buf[len] = '\0';
	/*
	 * kstrtoul() alone takes a leading '+', a second newline, and stops
	 * at a NUL: a digit first, then only digits, hex digits or the x of
	 * "0x" (kstrtoul() checks that they fit the base).
	 */
	if (!len || !isdigit(buf[0]))
		return -EINVAL;
	for (i = 1; i < len; i++)
		if (!isxdigit(buf[i]) && buf[i] != 'x' && buf[i] != 'X')
			return -EINVAL;
	if (kstrtoul(buf, 0, val) || *val < min || *val > max)
		return -EINVAL;
	return 0;
}

/* ---- state machine ---- */

static void lwt_stop_locked(struct lwt_facility *f)
{
	lockdep_assert_held(&f->lock);

	if (f->state == LWT_OFF)
		return;
	if (f->stopping)
		f->stopping(f);
	f->stop_mono = ktime_get();
	/* Next to the state change: see the probe in sched.c. */
	f->stop_clock = lwt_clock();
	/* A probe or timer may make it FULL meanwhile: stop wins. */
	xchg(&f->state, LWT_OFF);
	lwt_tp_put(f->tps, f->ntps);
	/*
	 * Wait for every probe that saw the facility on, and for every
	 * writer that runs with preemption disabled (synchronize_rcu()
	 * inside this waits for them too).
	 */
	tracepoint_synchronize_unregister();
	if (f->stop)
		f->stop(f);
}

static int lwt_start_locked(struct lwt_facility *f, bool allow_restart)
{
	int ret;

	lockdep_assert_held(&f->lock);

	if (f->readers)
		return -EBUSY;
	if (f->state == LWT_ON && f->restart_clears)
		return 0;
	if (f->not_empty && !allow_restart && !f->restart_clears)
		return -EPERM;
	if (f->state == LWT_ON)
		return 0;
	lwt_stop_locked(f);		/* a FULL one starts over */
	if (f->not_empty && f->restart_clears && f->reset)
		f->reset(f);
	ret = lwt_tp_get(f->tps, f->ntps);
	if (ret)
		return ret;
	if (f->start) {
		ret = f->start(f);
		if (ret) {
			lwt_tp_put(f->tps, f->ntps);
			tracepoint_synchronize_unregister();
			return ret;
		}
	}
	f->not_empty = true;
	f->stop_clock = 0;
	ktime_get_real_ts64(&f->start_tv);
	f->start_mono = ktime_get();
	f->start_clock = lwt_clock();
	/* What start() prepared, before probes see ON. */
	smp_store_release(&f->state, LWT_ON);
	if (f->started)
		f->started(f);
	return 0;
}

static int lwt_enable_locked(struct lwt_facility *f, bool on,
			     bool allow_restart)
{
	if (on)
		return lwt_start_locked(f, allow_restart);
	lwt_stop_locked(f);
	return 0;
}

int lwt_fac_enable(struct lwt_facility *f, int on, bool allow_restart)
{
	int ret;

	if (on != 0 && on != 1)
		return -EINVAL;
	mutex_lock(&f->lock);
	ret = lwt_enable_locked(f, on, allow_restart);
	mutex_unlock(&f->lock);
	return ret;
}

static int lwt_reset(struct lwt_facility *f)
{
	mutex_lock(&f->lock);
	if (f->readers) {
		mutex_unlock(&f->lock);
		return -EBUSY;
	}
	lwt_stop_locked(f);
	if (f->reset)
		f->reset(f);
	f->not_empty = false;
	f->start_clock = 0;
	f->stop_clock = 0;
	mutex_unlock(&f->lock);
	return 0;
}

/* ---- control files ---- */

static int enable_set(struct lwt_facility *f, unsigned long val)
{
	return lwt_enable_locked(f, val, false);
}

static unsigned long enable_get(struct lwt_facility *f)
{
	return lwt_fac_state(f) == LWT_ON;
}

static const struct lwt_ctl lwt_enable_ctl = {
	.name = "enable", .mode = 0600, .min = 0, .max = 1,
	.set = enable_set, .get = enable_get,
};

/* reset takes the mutex itself: it must refuse while views are open. */
static const struct lwt_ctl lwt_reset_ctl = {
	.name = "reset", .mode = 0200, .min = 0, .max = 0,
};

static ssize_t lwt_ctl_read(struct file *file, char __user *ubuf,
			    size_t count, loff_t *ppos)
{
	struct lwt_file *lf = file->private_data;
	char buf[24];
	int len;

	len = scnprintf(buf, sizeof(buf), "%lu\n", lf->ctl->get(lf->f));
	return simple_read_from_buffer(ubuf, count, ppos, buf, len);
}

static ssize_t lwt_ctl_write_lf(struct lwt_file *lf, const char __user *ubuf,
				size_t count, loff_t *ppos)
{
	const struct lwt_ctl *c = lf->ctl;
	unsigned long val;
	int ret;

	ret = lwt_parse_ulong(ubuf, count, *ppos, c->min, c->max, &val);
	if (ret)
		return ret;
	if (c == &lwt_reset_ctl) {
		ret = lwt_reset(lf->f);
	} else {
		mutex_lock(&lf->f->lock);
		ret = c->set(lf->f, val);
		mutex_unlock(&lf->f->lock);
	}
	if (ret)
		return ret;
	/* A second write on the same open file is at an offset: refused. */
	*ppos += count;
	return count;
}

static ssize_t lwt_ctl_write(struct file *file, const char __user *ubuf,
			     size_t count, loff_t *ppos)
{
	return lwt_ctl_write_lf(file->private_data, ubuf, count, ppos);
}

static const struct file_operations lwt_ctl_fops = {
	.owner	= THIS_MODULE,
	.open	= simple_open,
	.read	= lwt_ctl_read,
	.write	= lwt_ctl_write,
};

static const struct file_operations lwt_ctl_wo_fops = {
	.owner	= THIS_MODULE,
	.open	= simple_open,
	.write	= lwt_ctl_write,
};

/* ---- views ---- */

struct lwt_reader {
	struct mutex		lock;		/* one read() at a time */
	struct lwt_file		*lf;
	char			*hdr;		/* rendered at open, or NULL */
	size_t			hdr_len;
	const char		*cur;		/* the text being copied out */
	size_t			len, off;
	unsigned long		state[];	/* the view's, v->size bytes */
};

static int lwt_view_open_lf(struct lwt_file *lf, struct inode *inode,
			    struct file *file)
{
	const struct lwt_view *v = lf->view;
	struct lwt_facility *f = lf->f;
	struct lwt_reader *r;
	int ret;

	r = kzalloc(struct_size(r, state, DIV_ROUND_UP(v->size, sizeof(long))),
		    GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	mutex_init(&r->lock);
	r->lf = lf;
	if (v->header) {
		r->hdr = kmalloc(PAGE_SIZE, GFP_KERNEL);
		if (!r->hdr) {
			ret = -ENOMEM;
			goto err_free;
		}
	}

	mutex_lock(&f->lock);
	if (v->stopped_only && f->state == LWT_ON) {
		ret = -EPERM;
		goto err_unlock;
	}
	ret = v->open(f, r->state);
	if (ret)
		goto err_unlock;
	if (v->header)
		r->hdr_len = v->header(f, r->state, r->hdr, PAGE_SIZE);
	/* The header is the first text read. */
	r->cur = r->hdr;
	r->len = r->hdr_len;
	if (!v->copies)
		f->readers++;
	mutex_unlock(&f->lock);

	file->private_data = r;
	/*
	 * A single file opened O_RDWR is written after reading: not
	 * nonseekable_open(), which would refuse that write at its offset
	 * with ESPIPE.  It has no llseek all the same, so the write at a
	 * nonzero offset is EINVAL: write on a new open.
	 */
	return f->single ? 0 : nonseekable_open(inode, file);

err_unlock:
	mutex_unlock(&f->lock);
err_free:
	kfree(r->hdr);
	kfree(r);
	return ret;
}

static int lwt_view_open(struct inode *inode, struct file *file)
{
	return lwt_view_open_lf(inode->i_private, inode, file);
}

static ssize_t lwt_view_read(struct file *file, char __user *ubuf,
			     size_t count, loff_t *ppos)
{
	struct lwt_reader *r = file->private_data;
	const struct lwt_view *v = r->lf->view;
	size_t done = 0, n;

	mutex_lock(&r->lock);
	while (done < count) {
		if (r->off == r->len) {
			r->cur = v->next(r->state, &r->len);
			r->off = 0;
			if (!r->cur) {
				r->len = 0;
				break;
			}
			cond_resched();
		}
		n = min(r->len - r->off, count - done);
		if (copy_to_user(ubuf + done, r->cur + r->off, n)) {
			if (!done)
				done = -EFAULT;
			break;
		}
		r->off += n;
		done += n;
	}
	mutex_unlock(&r->lock);
	if ((ssize_t)done > 0)
		*ppos += done;
	return done;
}

static int lwt_view_release(struct inode *inode, struct file *file)
{
	struct lwt_reader *r = file->private_data;
	struct lwt_facility *f = r->lf->f;

	if (r->lf->view->release)
		r->lf->view->release(r->state);
	if (!r->lf->view->copies) {
		mutex_lock(&f->lock);
		f->readers--;
		mutex_unlock(&f->lock);
	}
	kfree(r->hdr);
	kfree(r);
	return 0;
}

static const struct file_operations lwt_view_fops = {
	.owner		= THIS_MODULE,
	.open		= lwt_view_open,
	.read		= lwt_view_read,
	.release	= lwt_view_release,
};

/*
 * A single file: read is the view, write is enable.  Opened for reading
 * (O_RDONLY or O_RDWR), its private data is the reader.
 */
static int lwt_single_open_lf(struct lwt_file *lf, struct inode *inode,
			      struct file *file)
{
	if (file->f_mode & FMODE_READ)
		return lwt_view_open_lf(lf, inode, file);
	file->private_data = lf;
	return 0;
}

static int lwt_single_open(struct inode *inode, struct file *file)
{
	return lwt_single_open_lf(inode->i_private, inode, file);
}

static ssize_t lwt_single_write(struct file *file, const char __user *ubuf,
				size_t count, loff_t *ppos)
{
	struct lwt_file *lf = file->private_data;

	if (file->f_mode & FMODE_READ)
		lf = ((struct lwt_reader *)file->private_data)->lf;
	return lwt_ctl_write_lf(lf, ubuf, count, ppos);
}

static int lwt_single_release(struct inode *inode, struct file *file)
{
	if (file->f_mode & FMODE_READ)
		return lwt_view_release(inode, file);
	return 0;
}

static const struct file_operations lwt_single_fops = {
	.owner		= THIS_MODULE,
	.open		= lwt_single_open,
	.read		= lwt_view_read,
	.write		= lwt_single_write,
	.release	= lwt_single_release,
};

/*
 * The same file in /proc, for the tools that read /proc/timer_stats.
 * Lockdown covers debugfs, not /proc: refuse here what debugfs refuses
 * there (every open of a writable file), so that ts_proc=1 is no way
 * around it.
 */
static int lwt_single_proc_open(struct inode *inode, struct file *file)
{
	if (security_locked_down(LOCKDOWN_DEBUGFS))
		return -EPERM;
	return lwt_single_open_lf(pde_data(inode), inode, file);
}

static const struct proc_ops lwt_single_proc_ops = {
	.proc_open	= lwt_single_proc_open,
	.proc_read	= lwt_view_read,
	.proc_write	= lwt_single_write,
	.proc_release	= lwt_single_release,
};

/* ---- setup ---- */

static struct dentry *lwt_add_file(struct lwt_facility *f, unsigned int *n,
				    const struct lwt_ctl *ctl,
				    const struct lwt_view *view)
{
	struct lwt_file *lf = &f->files[*n];
	const struct file_operations *fops;

	if (WARN_ON(*n >= LWT_FILES_MAX))
		return ERR_PTR(-ENOSPC);
	(*n)++;
	lf->f = f;
	lf->ctl = ctl;
	lf->view = view;
	if (ctl && view)
		fops = &lwt_single_fops;
	else if (view)
		fops = &lwt_view_fops;
	else
		fops = ctl->get ? &lwt_ctl_fops : &lwt_ctl_wo_fops;
	/* A file that fails to appear is not worth failing the load for. */
	return debugfs_create_file(f->single ? f->name : ctl ? ctl->name : view->name,
			    f->single ? 0600 : ctl ? ctl->mode : view->mode,
			    f->single ? NULL : f->dir, lf, fops);
}

/**
 * lwt_fac_init() - set up a facility: its tracepoints, memory and files
 * @f: the facility
 *
 * Return: 0 or a negative errno; on failure nothing is left behind.
 */
int lwt_fac_init(struct lwt_facility *f)
{
	unsigned int i, n = 0;
	int ret;

	mutex_init(&f->lock);
	ret = lwt_tp_lookup(f->tps, f->ntps);
	if (ret)
		return ret;
	if (f->init) {
		ret = f->init(f);
		if (ret)
			return ret;
	}
	if (f->single)
		f->dir = lwt_add_file(f, &n, &lwt_enable_ctl, &f->views[0]);
	else
		f->dir = debugfs_create_dir(f->name, NULL);
	if (IS_ERR(f->dir)) {
		ret = PTR_ERR(f->dir);
		/* debugfs=off gives EPERM, a kernel without debugfs ENODEV. */
		if (ret == -EPERM || ret == -ENODEV)
			pr_err("cannot create debugfs %s: debugfs is %s, and every lwtrace file lives there\n",
			       f->name, ret == -EPERM ? "off (debugfs=off)" : "not built in");
		else
			pr_err("cannot create debugfs %s: %d\n", f->name, ret);
		goto err_exit;
	}
	if (f->single) {
		if (f->proc && *f->proc) {
			f->pde = proc_create_data(f->name, 0600, NULL,
						  &lwt_single_proc_ops, &f->files[0]);
			if (!f->pde) {
				ret = -ENOMEM;
				pr_err("cannot create /proc/%s\n", f->name);
				debugfs_remove(f->dir);
				goto err_exit;
			}
		}
		return 0;
	}
	lwt_add_file(f, &n, &lwt_enable_ctl, NULL);
	lwt_add_file(f, &n, &lwt_reset_ctl, NULL);
	for (i = 0; i < f->nctls; i++)
		lwt_add_file(f, &n, &f->ctls[i], NULL);
	for (i = 0; i < f->nviews; i++)
		lwt_add_file(f, &n, NULL, &f->views[i]);
	return 0;

err_exit:
	if (f->exit)
		f->exit(f);
	return ret;
}

void lwt_fac_exit(struct lwt_facility *f)
{
	/* No file operation runs after these return, and none can start. */
	proc_remove(f->pde);
	debugfs_remove_recursive(f->dir);

	mutex_lock(&f->lock);
	lwt_stop_locked(f);
	mutex_unlock(&f->lock);

	if (f->exit)
		f->exit(f);
}

/*
 * A comm may hold any byte but NUL; keep each record on one line.  Only
 * control characters are replaced: bytes of 0x80 and up (UTF-8) are kept,
 * whatever the sign of char in this build (signed in 6.1, unsigned from
 * 6.2, commit 3bc753c06dd0 "kbuild: treat char as always unsigned").
 */
void lwt_sanitize_comm(char *dst, const char *src)
{
	int i;

	for (i = 0; i < LWT_COMM_LEN - 1 && src[i]; i++) {
		unsigned char c = src[i];

		dst[i] = (c < ' ' || c == 0x7f) ? '?' : c;
	}
	dst[i] = '\0';
}

/* ---- memory and parameters ---- */

int lwt_mem_check(const char *what, u64 bytes)
{
	u64 avail = (u64)si_mem_available() << PAGE_SHIFT;

	if (bytes <= avail / 2)
		return 0;
	pr_err("%s needs %llu MiB, but only %llu MiB of memory is available and lwtrace takes at most half of it\n",
	       what, DIV_ROUND_UP_ULL(bytes, SZ_1M), avail / SZ_1M);
	return -ENOMEM;
}

static int lwt_uint_range_set(const char *val, const struct kernel_param *kp)
{
	struct lwt_uint_param *p = kp->arg;
	unsigned int v;

	if (kstrtouint(val, 0, &v) || v < p->min || v > p->max) {
		pr_err("%s: '%s' is not in [%u, %u]\n", kp->name, val,
		       p->min, p->max);
		return -EINVAL;
	}
	p->val = v;
	return 0;
}

static int lwt_uint_range_get(char *buf, const struct kernel_param *kp)
{
	const struct lwt_uint_param *p = kp->arg;

	return sysfs_emit(buf, "%u\n", p->val);
}

const struct kernel_param_ops lwt_uint_range_ops = {
	.set = lwt_uint_range_set,
	.get = lwt_uint_range_get,
};
