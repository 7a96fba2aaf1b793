package dev.splitvisor.sysvm;

import dev.splitvisor.hypercall.Errno;

/**
 * A node of a file system that never changes (tar images, stacks of image layers): every
 * change answers EROFS. The callers check the file system's read-only flag first; these are the
 * backstop should one ever not.
 */
abstract class ReadOnlyVnode extends Vnode {
    @Override
    final Vnode createFile(String name, int mode) {
        throw new VfsError(Errno.EROFS);
    }

    @Override
    final Vnode mkdir(String name, int mode) {
        throw new VfsError(Errno.EROFS);
    }

    @Override
    final void symlink(String name, String target) {
        throw new VfsError(Errno.EROFS);
    }

    @Override
    final void link(String name, Vnode existing) {
        throw new VfsError(Errno.EROFS);
    }

    @Override
    final void remove(String name, Vnode victim) {
        throw new VfsError(Errno.EROFS);
    }

    @Override
    final void rename(String name, Vnode toDir, String toName) {
        throw new VfsError(Errno.EROFS);
    }

    @Override
    final void chmod(int mode) {
        throw new VfsError(Errno.EROFS);
    }

    @Override
    final void setTimes(long atimeNanos, long mtimeNanos) {
        throw new VfsError(Errno.EROFS);
    }
}
