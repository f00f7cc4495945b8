# Makefile fragment of sysvmsg-rs (added by config.m4 to the Makefile that phpize/configure generate).
#
# `make` runs `cargo build --release` for the PHP that configure found and copies the library into modules/ as
# sysvmsg_rs.so, next to a small sysvmsg_rs.la naming it (phpize's `make test` reads dlname from the .la files of
# PHP_MODULES). phpize's install-modules rule then installs modules/* into $(INSTALL_ROOT)$(EXTENSION_DIR).

SYSVMSG_RS_LIB = $(SYSVMSG_RS_TARGET_DIR)/release/libsysvmsg_rs.so
# What the module is built from. cargo decides what to recompile; make only decides whether to ask it, so that
# `make install` after `make` (PIE runs it with sudo) installs without running cargo again.
SYSVMSG_RS_SOURCES = $(srcdir)/Cargo.toml $(srcdir)/Cargo.lock $(srcdir)/build.rs \
	$(shell find "$(srcdir)/src" "$(srcdir)/crates" -name '*.rs' -o -name Cargo.toml 2>/dev/null)

# ext-php-rs's build script and build.rs read PHP_CONFIG and PHP (the php binary, run to learn ZTS/debug): both name
# this configure's PHP, and its directory comes first in PATH for any other lookup. The Makefile is a prerequisite
# too: configuring for another PHP rebuilds. The leading + lets cargo take its jobs from make's jobserver (make -jN).
$(phplibdir)/sysvmsg_rs.la: $(SYSVMSG_RS_SOURCES) $(builddir)/Makefile
	+cd "$(srcdir)" && env PATH="`dirname "$(PHP_EXECUTABLE)"`:$$PATH" PHP_CONFIG="$(SYSVMSG_RS_PHP_CONFIG)" \
		PHP="$(PHP_EXECUTABLE)" RUSTC="$(RUSTC)" CARGO_TARGET_DIR="$(SYSVMSG_RS_TARGET_DIR)" \
		"$(CARGO)" build --release --locked -p sysvmsg-rs
	@test -d "$(phplibdir)" || mkdir -p "$(phplibdir)"
	cp "$(SYSVMSG_RS_LIB)" "$(phplibdir)/sysvmsg_rs.so.tmp"
	mv -f "$(phplibdir)/sysvmsg_rs.so.tmp" "$(phplibdir)/sysvmsg_rs.so"
	@printf "%s\n" "# sysvmsg_rs.la - written by sysvmsg-rs's Makefile.frag: cargo built the module, not libtool" \
		"dlname='sysvmsg_rs.so'" "library_names='sysvmsg_rs.so'" "installed=no" > "$@"

# `make test`: run-tests.php over php-tests/ with modules/sysvmsg_rs.so (phpize's rule passes
# -d extension_dir=modules/ -d extension=sysvmsg_rs.so and drops the extension= lines of php.ini, so a distribution's
# own sysvmsg is not loaded with it). System V queues are system-wide, so the rule runs in a private IPC namespace
# (unshare --ipc) when configure found that possible. `make test TESTS=php-tests/send_receive_basic.phpt` runs one.
TESTS = $(srcdir)/php-tests
test: private SHELL = $(SYSVMSG_RS_TEST_SHELL)
test: private .SHELLFLAGS = $(SYSVMSG_RS_TEST_SHELLFLAGS)

# `make clean`: phpize's clean rule empties modules/; this removes cargo's build files when they are the default
# target/phpize of the build directory (a CARGO_TARGET_DIR given to configure is the caller's and is kept), the
# backups autoconf/autoheader leave next to configure and config.h.in, and the (empty) include/ that configure makes:
# `phpize --clean` removes neither.
clean: sysvmsg-rs-clean
sysvmsg-rs-clean:
	rm -f "$(srcdir)/configure~" "$(srcdir)/config.h.in~"
	@rmdir "$(builddir)/include" 2>/dev/null || true
	@if test "$(SYSVMSG_RS_TARGET_DIR)" = "$(builddir)/target/phpize"; then \
		echo "rm -rf $(SYSVMSG_RS_TARGET_DIR)"; rm -rf "$(SYSVMSG_RS_TARGET_DIR)"; \
		rmdir "$(builddir)/target" 2>/dev/null || true; \
	fi

.PHONY: sysvmsg-rs-clean
