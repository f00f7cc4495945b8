dnl config.m4 for sysvmsg-rs: the usual `phpize && ./configure && make && make install` for an extension written in
dnl Rust. configure finds cargo and the target PHP; `make` runs `cargo build --release` against that PHP (see
dnl Makefile.frag) and puts the result in modules/ as sysvmsg_rs.so, where phpize's own install-modules and test
dnl rules take it from. docs/install.md describes the whole flow.
dnl
dnl The file name is sysvmsg_rs.so (load it with extension=sysvmsg_rs); the module inside is named "sysvmsg", like
dnl PHP's C extension it replaces, so the two cannot be loaded at the same time.

AC_ARG_VAR([CARGO], [cargo command used to build the extension (default: cargo from PATH or ~/.cargo/bin)])
AC_ARG_VAR([RUSTC], [rustc command cargo uses (default: rustc next to cargo, or from PATH)])
AC_ARG_VAR([CARGO_TARGET_DIR], [directory for cargo's build files (default: target/phpize in the build directory)])

AC_MSG_CHECKING([for the sysvmsg-rs sources])
if test -f "$abs_srcdir/Cargo.toml" && test -f "$abs_srcdir/src/lib.rs"; then
  AC_MSG_RESULT([$abs_srcdir])
else
  AC_MSG_ERROR([Cargo.toml and src/lib.rs not found in $abs_srcdir: run phpize and configure in the sysvmsg-rs source tree])
fi

dnl rustup installs into ~/.cargo/bin, which is often not on PATH for sudo or non-login shells.
sysvmsg_rs_path="$PATH"
test -n "$HOME" && sysvmsg_rs_path="$sysvmsg_rs_path$PATH_SEPARATOR$HOME/.cargo/bin"
AC_PATH_PROG([CARGO], [cargo], [], [$sysvmsg_rs_path])
if test -n "$CARGO" && command -v "$CARGO" >/dev/null 2>&1; then :; else
  AC_MSG_ERROR([cargo not found${CARGO:+ ($CARGO)}. sysvmsg-rs is written in Rust and needs a Rust toolchain to build:
install one (for example with rustup, https://rustup.rs), or pass CARGO=/path/to/cargo to configure.])
fi
dnl Look for rustc next to cargo first: that is the toolchain cargo belongs to.
sysvmsg_rs_cargo_dir=`dirname "$CARGO"`
AC_PATH_PROG([RUSTC], [rustc], [], [$sysvmsg_rs_cargo_dir$PATH_SEPARATOR$sysvmsg_rs_path])
if test -n "$RUSTC" && command -v "$RUSTC" >/dev/null 2>&1; then :; else
  AC_MSG_ERROR([rustc not found (cargo is $CARGO). Install a complete Rust toolchain (for example with rustup,
https://rustup.rs), or pass RUSTC=/path/to/rustc to configure.])
fi

dnl Cargo.toml's rust-version is the oldest toolchain the crates build with.
sysvmsg_rs_rust_min=`sed -n 's/^rust-version *= *"\(.*\)"/\1/p' "$abs_srcdir/Cargo.toml" | head -n 1`
AC_MSG_CHECKING([rustc version])
sysvmsg_rs_rust_version=`"$RUSTC" --version 2>/dev/null | sed -n 's/^rustc \([[0-9]][[0-9.]]*\).*/\1/p'`
if test -z "$sysvmsg_rs_rust_version"; then
  AC_MSG_ERROR([$RUSTC --version did not print a version: is the Rust toolchain installed completely?])
fi
AC_MSG_RESULT([$sysvmsg_rs_rust_version])
if test -n "$sysvmsg_rs_rust_min"; then
  AS_VERSION_COMPARE([$sysvmsg_rs_rust_version], [$sysvmsg_rs_rust_min],
    [AC_MSG_ERROR([rustc $sysvmsg_rs_rust_version is too old: sysvmsg-rs needs Rust $sysvmsg_rs_rust_min or newer (rustup update)])])
fi

dnl ext-php-rs's build script runs php-config *and* the php binary (to learn ZTS/debug), and build.rs runs php-config:
dnl both must be the PHP this configure targets, so make passes PHP_CONFIG and PHP to cargo as absolute paths.
AC_MSG_CHECKING([for php-config of the target PHP])
SYSVMSG_RS_PHP_CONFIG="$PHP_CONFIG"
case $SYSVMSG_RS_PHP_CONFIG in
  */*) ;;
  *) SYSVMSG_RS_PHP_CONFIG=`command -v "$SYSVMSG_RS_PHP_CONFIG" 2>/dev/null` ;;
esac
case $SYSVMSG_RS_PHP_CONFIG in
  /*) ;;
  ?*) SYSVMSG_RS_PHP_CONFIG="`pwd`/$SYSVMSG_RS_PHP_CONFIG" ;;
esac
if test -z "$SYSVMSG_RS_PHP_CONFIG" || test ! -x "$SYSVMSG_RS_PHP_CONFIG"; then
  AC_MSG_ERROR([cannot find php-config ($PHP_CONFIG): use --with-php-config=/path/to/php-config])
fi
AC_MSG_RESULT([$SYSVMSG_RS_PHP_CONFIG])

AC_MSG_CHECKING([for the php binary of the target PHP])
if test -z "$PHP_EXECUTABLE" || test ! -x "$PHP_EXECUTABLE"; then
  AC_MSG_ERROR([$SYSVMSG_RS_PHP_CONFIG --php-binary names no executable ($PHP_EXECUTABLE): the build runs that PHP
(ext-php-rs reads its configuration), so install its CLI (on Debian: php8.x-cli)])
fi
AC_MSG_RESULT([$PHP_EXECUTABLE])

AC_MSG_CHECKING([for cargo's target directory])
SYSVMSG_RS_TARGET_DIR="$CARGO_TARGET_DIR"
test -z "$SYSVMSG_RS_TARGET_DIR" && SYSVMSG_RS_TARGET_DIR="$abs_builddir/target/phpize"
case $SYSVMSG_RS_TARGET_DIR in
  /*) ;;
  *) SYSVMSG_RS_TARGET_DIR="$abs_builddir/$SYSVMSG_RS_TARGET_DIR" ;;
esac
AC_MSG_RESULT([$SYSVMSG_RS_TARGET_DIR])

dnl System V queues are system-wide: `make test` runs in a private IPC namespace when unshare allows it.
AC_MSG_CHECKING([whether make test can run in a private IPC namespace])
SYSVMSG_RS_TEST_SHELL=/bin/sh
SYSVMSG_RS_TEST_SHELLFLAGS=-c
sysvmsg_rs_unshare=`command -v unshare 2>/dev/null`
if test -n "$sysvmsg_rs_unshare" && "$sysvmsg_rs_unshare" --ipc true >/dev/null 2>&1; then
  SYSVMSG_RS_TEST_SHELL="$sysvmsg_rs_unshare"
  SYSVMSG_RS_TEST_SHELLFLAGS="--ipc /bin/sh -c"
  AC_MSG_RESULT([yes (unshare --ipc)])
else
  AC_MSG_RESULT([no: the tests use the machine's IPC namespace])
fi

PHP_SUBST(CARGO)
PHP_SUBST(RUSTC)
PHP_SUBST(SYSVMSG_RS_PHP_CONFIG)
PHP_SUBST(SYSVMSG_RS_TARGET_DIR)
PHP_SUBST(SYSVMSG_RS_TEST_SHELL)
PHP_SUBST(SYSVMSG_RS_TEST_SHELLFLAGS)

dnl Instead of PHP_NEW_EXTENSION (which compiles C sources with libtool), the module is listed in PHP_MODULES
dnl directly: `make` builds $(phplibdir)/sysvmsg_rs.la with the rule in Makefile.frag, and phpize's install-modules
dnl and `make test` use it like any other extension's.
PHP_MODULES="$PHP_MODULES \$(phplibdir)/sysvmsg_rs.la"
dnl (phpize's configure runs `shtool mkdir -p $BUILD_DIR`, which fails on an empty list.)
PHP_ADD_BUILD_DIR([$abs_builddir/modules])
PHP_ADD_MAKEFILE_FRAGMENT([$abs_srcdir/Makefile.frag], [$abs_srcdir], [$abs_builddir])
