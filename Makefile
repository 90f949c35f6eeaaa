# Keel: the one Makefile. It builds the hypervisor (build/hv.elf), the PV guest kernel
# (build/pvguest.elf), the boot ISO (build/keel.iso), the host tools and every test.
# Each part has its own section below with explicit object lists.

BUILD   ?= build
DEBUG   ?= 1
CC      ?= gcc
HOSTCC  ?= gcc
LD      := ld
OBJCOPY := objcopy
OBJDUMP := objdump
NM      := nm
VERSION := 0.1.0

# Debian packages the build and the tests need; tools/deps.sh installs the missing ones.
DEPS_SH := tools/deps.sh

.PHONY: all run debug test clean deps
all: $(BUILD)/keel.iso

deps:
	@sh $(DEPS_SH)

# ============================================================================================
# Flags (STYLE.md section 13).
# The hypervisor lives in Xen's reserved L4 slots 256-271 (0xffff8...), which -mcmodel=kernel
# cannot address (it needs the top 2 GiB), so freestanding code is compiled position-
# independent (-fpie: every data access RIP-relative) and linked at its fixed address.
# ============================================================================================
GCC_INC      := $(shell $(CC) -print-file-name=include)
CFLAGS_FREE  := -ffreestanding -fno-builtin -nostdlib -nostdinc -isystem $(GCC_INC) \
                -fpie -fno-stack-protector -fno-common -fno-asynchronous-unwind-tables \
                -fno-omit-frame-pointer
CFLAGS_ARCH  := -m64 -mno-red-zone -mno-mmx -mno-sse -mno-sse2 -mgeneral-regs-only
CFLAGS_WARN  := -std=c11 -Wall -Wextra -Werror -Wshadow -Wundef -Wvla -Wstrict-prototypes \
                -Wmissing-prototypes -Wcast-align -Wpointer-arith
CFLAGS_OPT   := -O2 -g
CFLAGS_DEF   := -DKEEL_VERSION=\"$(VERSION)\" -DKEEL_DEBUG=$(DEBUG)
KCFLAGS      := $(CFLAGS_FREE) $(CFLAGS_ARCH) $(CFLAGS_WARN) $(CFLAGS_OPT) $(CFLAGS_DEF) -I.
KASFLAGS     := $(CFLAGS_FREE) $(CFLAGS_ARCH) $(CFLAGS_DEF) -I. -I$(BUILD) -D__ASSEMBLY__ -Wa,--noexecstack
HV_LDFLAGS   := -n -nostdlib -z noexecstack --no-warn-rwx-segments -T linker.ld

# Host programs (tools, unit tests): sanitizers on by default.
SANITIZE     := -fsanitize=address,undefined -fno-sanitize-recover=all
HOSTCFLAGS   := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -g -O1 -I.

# ============================================================================================
# Hypervisor
# ============================================================================================
HV_S := boot/header.S boot/entry32.S arch/x86_64/entry.S
# Every C file of these directories is part of the image (asm-offsets.c is only compiled to
# generate build/asm-offsets.h). A new subsystem directory is added to HV_DIRS.
HV_DIRS := arch/x86_64 hv hv/lib hv/mm hv/event hv/time
HV_C := $(sort $(filter-out arch/x86_64/asm-offsets.c,$(wildcard $(addsuffix /*.c,$(HV_DIRS)))))

HV_OBJ := $(patsubst %.S,$(BUILD)/%.o,$(HV_S)) $(patsubst %.c,$(BUILD)/%.o,$(HV_C))

$(BUILD)/asm-offsets.h: arch/x86_64/asm-offsets.c
	@mkdir -p $(dir $@)
	$(CC) $(KCFLAGS) -S -o $(BUILD)/asm-offsets.s $<
	sh tools/gen-asm-offsets.sh $(BUILD)/asm-offsets.s > $@

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(KCFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/%.o: %.S $(BUILD)/asm-offsets.h
	@mkdir -p $(dir $@)
	$(CC) $(KASFLAGS) -MMD -MP -c -o $@ $<

# Two-pass link: the first image (empty symbol table) gives the addresses that the final
# image links in, so a backtrace can name functions. The table sits after all code, so
# its size never moves a function.
$(BUILD)/symtab.empty.o: tools/gen-symtab.sh
	@mkdir -p $(dir $@)
	sh tools/gen-symtab.sh /dev/null > $(BUILD)/symtab.empty.S
	$(CC) $(KASFLAGS) -c -o $@ $(BUILD)/symtab.empty.S

$(BUILD)/hv.pass1.elf: $(HV_OBJ) $(BUILD)/symtab.empty.o linker.ld
	$(LD) $(HV_LDFLAGS) -o $@ $(HV_OBJ) $(BUILD)/symtab.empty.o

$(BUILD)/hv.elf: $(BUILD)/hv.pass1.elf tools/gen-symtab.sh
	$(NM) -n $< | sh tools/gen-symtab.sh - > $(BUILD)/symtab.S
	$(CC) $(KASFLAGS) -c -o $(BUILD)/symtab.o $(BUILD)/symtab.S
	$(LD) $(HV_LDFLAGS) -o $@ $(HV_OBJ) $(BUILD)/symtab.o
	$(NM) -n $@ > $(BUILD)/hv.sym
	$(OBJDUMP) -d $@ > $(BUILD)/hv.asm
	@$(NM) -n $< | grep -i ' t ' | awk '{print $$1, $$3}' > $(BUILD)/pass1.fn
	@$(NM) -n $@ | grep -i ' t ' | awk '{print $$1, $$3}' | cmp -s - $(BUILD)/pass1.fn || \
	    { echo "symbol table moved code between link passes"; rm -f $@; exit 1; }

-include $(HV_OBJ:.o=.d)

# ============================================================================================
# Boot ISO (GRUB, BIOS + UEFI). GRUB_CFG names the grub.cfg to use; scenarios make their own.
# ============================================================================================
GRUB_CFG ?= boot/grub.cfg
ISO_EXTRA ?= $(BUILD)/pvguest.elf

$(BUILD)/keel.iso: $(BUILD)/hv.elf $(GRUB_CFG) $(ISO_EXTRA)
	rm -rf $(BUILD)/iso && mkdir -p $(BUILD)/iso/boot/grub
	cp $(BUILD)/hv.elf $(BUILD)/iso/boot/hv.elf
	for f in $(ISO_EXTRA); do cp $$f $(BUILD)/iso/boot/; done
	cp $(GRUB_CFG) $(BUILD)/iso/boot/grub/grub.cfg
	grub-mkrescue -o $@ $(BUILD)/iso 2>/dev/null

# ============================================================================================
# pvguest (section owned by the pvguest work)
# ============================================================================================
# The guest kernel runs in ring 3 at VIRT_BASE 0xffffffff80000000 (pvguest/layout.h), so it is
# compiled for the kernel code model, not position-independent. Link: pass 1 with an empty
# symbol table, then the final image with pass 1's text symbols (the table sits after all code,
# so no function moves; the build checks that).
PVG_CFLAGS  := $(filter-out -fpie,$(KCFLAGS)) -fno-pie -mcmodel=kernel \
               -fno-tree-loop-distribute-patterns
PVG_ASFLAGS := $(filter-out -fpie,$(KASFLAGS)) -fno-pie -mcmodel=kernel
PVG_S := pvguest/start.S pvguest/note.S pvguest/entry.S pvguest/tests/probe.S
PVG_C := pvguest/main.c pvguest/boot.c pvguest/console.c pvguest/fmt.c pvguest/string.c \
         pvguest/cmdline.c pvguest/mm.c pvguest/traps.c pvguest/symbols.c pvguest/shutdown.c \
         pvguest/test.c pvguest/events.c pvguest/time.c pvguest/sched.c
# pvguest's own page tables: batched mmu_update, walker, address-space switch, demand heap.
PVG_C += pvguest/mmu.c pvguest/pt.c pvguest/aspace.c pvguest/heap.c
# Every file in pvguest/tests/ is a test source (each registers its cases with TEST_CASE).
PVG_TESTS := $(sort $(wildcard pvguest/tests/*.c))
PVG_OBJ := $(patsubst %.S,$(BUILD)/%.o,$(PVG_S)) \
           $(patsubst %.c,$(BUILD)/%.o,$(PVG_C) $(PVG_TESTS))
PVG_LDFLAGS := -n -nostdlib -static -T pvguest/pvguest.ld

.PHONY: pvguest test-xen bench-xen
pvguest: $(BUILD)/pvguest.elf

$(BUILD)/pvguest/%.o: pvguest/%.c
	@mkdir -p $(dir $@)
	$(CC) $(PVG_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/pvguest/%.o: pvguest/%.S
	@mkdir -p $(dir $@)
	$(CC) $(PVG_ASFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/pvguest/symtab.empty.o: pvguest/symtab.sh
	@mkdir -p $(dir $@)
	sh pvguest/symtab.sh /dev/null > $(BUILD)/pvguest/symtab.empty.S
	$(CC) $(PVG_ASFLAGS) -c -o $@ $(BUILD)/pvguest/symtab.empty.S

$(BUILD)/pvguest.pass1.elf: $(PVG_OBJ) $(BUILD)/pvguest/symtab.empty.o pvguest/pvguest.ld
	$(LD) $(PVG_LDFLAGS) -o $@ $(PVG_OBJ) $(BUILD)/pvguest/symtab.empty.o

$(BUILD)/pvguest.elf: $(BUILD)/pvguest.pass1.elf pvguest/symtab.sh
	$(NM) -n $< > $(BUILD)/pvguest.pass1.sym
	sh pvguest/symtab.sh $(BUILD)/pvguest.pass1.sym > $(BUILD)/pvguest/symtab.S
	$(CC) $(PVG_ASFLAGS) -c -o $(BUILD)/pvguest/symtab.o $(BUILD)/pvguest/symtab.S
	$(LD) $(PVG_LDFLAGS) -o $@ $(PVG_OBJ) $(BUILD)/pvguest/symtab.o
	$(NM) -n $@ > $(BUILD)/pvguest.sym
	grep ' [tT] ' $(BUILD)/pvguest.pass1.sym > $(BUILD)/pvguest.pass1.text
	grep ' [tT] ' $(BUILD)/pvguest.sym > $(BUILD)/pvguest.text
	cmp -s $(BUILD)/pvguest.pass1.text $(BUILD)/pvguest.text || \
		{ echo "pvguest: text moved between link passes" >&2; rm -f $@; exit 1; }
	$(OBJDUMP) -d $@ > $(BUILD)/pvguest.asm

# Peer check on real Xen 4.17 (tools/xenpeer/): pvguest boots as dom0 and runs test=all, then
# once more to crash on purpose (symbolized backtrace, dom0 crash seen by Xen).
test-xen: $(BUILD)/pvguest.elf
	sh tools/xenpeer/run.sh test $(BUILD); a=$$?; \
	sh tools/xenpeer/run.sh crash $(BUILD); b=$$?; \
	[ $$a -eq 0 ] && [ $$b -eq 0 ]

# Null-hypercall path length on real Xen under -icount shift=0 (prints "BENCH ...").
bench-xen: $(BUILD)/pvguest.elf
	sh tools/xenpeer/run.sh bench $(BUILD)

-include $(PVG_OBJ:.o=.d)


# ============================================================================================
# abi/ conformance (section owned by the abi work)
# test-abi: every size, offset and constant of abi/ against Xen 4.17's headers (libxen-dev),
#           plus coverage of the check tables and a self-test with planted mismatches.
# check-abi: every abi/*.h compiles on its own (C11 -Wpedantic -Werror; asm where promised).
# ============================================================================================
ABI_BUILD   := $(BUILD)/abi
ABI_HEADERS := $(wildcard abi/*.h)
ABI_CCS     ?= cc $(shell command -v clang >/dev/null 2>&1 && echo clang)
ABI_CFLAGS  := -std=c11 -Wall -Wextra -Werror -Wno-type-limits -I.
ABI_OBJ     := $(ABI_BUILD)/xen_side.o $(ABI_BUILD)/keel_side.o $(ABI_BUILD)/main.o

.PHONY: test-abi check-abi

$(ABI_OBJ): $(ABI_BUILD)/%.o: tests/abi/%.c tests/abi/abi_check.h $(wildcard tests/abi/checks_*.h) \
            $(ABI_HEADERS)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(ABI_CFLAGS) -c -o $@ $<

$(ABI_BUILD)/test-abi: $(ABI_OBJ)
	$(HOSTCC) -o $@ $(ABI_OBJ)

test-abi: $(ABI_BUILD)/test-abi
	@rc=0; \
	$(ABI_BUILD)/test-abi || rc=1; \
	sh tests/abi/coverage.sh abi || rc=1; \
	HOSTCC=$(HOSTCC) sh tests/abi/mutant.sh $(ABI_BUILD)/mutant $(ABI_BUILD)/xen_side.o \
	    $(ABI_BUILD)/main.o || rc=1; \
	exit $$rc

check-abi:
	@sh tests/abi/check_headers.sh "$(ABI_CCS)" $(ABI_HEADERS)

# ============================================================================================
# ring/ library, its tests and ringbench (section owned by the ring work)
# ============================================================================================
# test-ring: unit and notify tests (ASan/UBSan), hostile-peer and two-thread stress tests
# under ASan/UBSan and under TSan, a freestanding compile of ring/ring.h with kernel flags,
# its include rule, and ringbench's short mode (runs every ring once, checks sequences).
# bench-ring: the full benchmark; table on stdout, build/ringbench.csv, build/ringbench.png.
RING_BIN    := $(BUILD)/ring
RING_HDRS   := ring/ring.h ring/ring_host.h tests/ring/ring_fixture.h abi/errno.h
RING_ASAN   := -fsanitize=address,undefined -fno-sanitize-recover=all
RING_TSAN   := -fsanitize=thread -Wno-tsan
RING_LIBS   := -lcmocka -lpthread
RING_RUNS   := ring_unit.asan ring_notify.asan ring_hostile.asan ring_hostile.tsan \
               ring_stress.asan ring_stress.tsan
RINGBENCH_C := tools/ringbench/ringbench.c tools/ringbench/harness.c tools/ringbench/limits.c \
               tools/ringbench/msg.c \
               tools/ringbench/report.c tools/ringbench/ring_keel.c tools/ringbench/ring_xen.c \
               tools/ringbench/ring_virtio.c tools/ringbench/ring_naive.c
RINGBENCH_H := $(wildcard tools/ringbench/*.h) ring/ring.h ring/ring_host.h abi/errno.h
RINGBENCH_CFLAGS := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -O2 -g -I.

.PHONY: test-ring bench-ring

$(RING_BIN)/%.asan: tests/ring/%.c $(RING_HDRS)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOSTCFLAGS) $(RING_ASAN) -o $@ $< $(RING_LIBS)

$(RING_BIN)/%.tsan: tests/ring/%.c $(RING_HDRS)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOSTCFLAGS) $(RING_TSAN) -o $@ $< $(RING_LIBS)

$(BUILD)/ringbench: $(RINGBENCH_C) $(RINGBENCH_H)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(RINGBENCH_CFLAGS) -o $@ $(RINGBENCH_C) -lpthread -lm

test-ring: $(addprefix $(RING_BIN)/,$(RING_RUNS)) $(BUILD)/ringbench
	@fail=0; \
	for t in $(RING_RUNS); do \
	    n=$${t%.*}; s=$${t##*.}; \
	    CMOCKA_MESSAGE_OUTPUT=TAP TSAN_OPTIONS=halt_on_error=1 \
	        $(RING_BIN)/$$t > $(RING_BIN)/$$t.tap 2> $(RING_BIN)/$$t.err; st=$$?; \
	    tools/tap2verdict.sh "ring/$${n#ring_}/$$s/" $$st < $(RING_BIN)/$$t.tap \
	        || { fail=1; tail -n 20 $(RING_BIN)/$$t.err; }; \
	done; \
	if $(CC) $(KCFLAGS) -Wpedantic -c -o $(RING_BIN)/ring_freestanding.o \
	        tests/ring/ring_freestanding.c 2> $(RING_BIN)/freestanding.err; then \
	    u=$$($(NM) -u $(RING_BIN)/ring_freestanding.o); \
	    if [ -z "$$u" ]; then echo "PASS: ring/freestanding"; \
	    else echo "FAIL: ring/freestanding: needs outside symbols:" $$u; fail=1; fi; \
	else echo "FAIL: ring/freestanding: does not compile freestanding"; \
	    cat $(RING_BIN)/freestanding.err; fail=1; fi; \
	bad=$$(grep '^[[:space:]]*#[[:space:]]*include' ring/ring.h | \
	       grep -vE '<(stdint|stdbool|stddef)\.h>|"abi/[a-z_]+\.h"'); \
	if [ -z "$$bad" ]; then echo "PASS: ring/includes"; \
	else echo "FAIL: ring/includes: ring/ring.h includes $$bad"; fail=1; fi; \
	$(BUILD)/ringbench --short 2> $(RING_BIN)/ringbench-short.err || fail=1; \
	exit $$fail

bench-ring: $(BUILD)/ringbench
	$(BUILD)/ringbench --csv $(BUILD)/ringbench.csv
	gnuplot -e "csv='$(BUILD)/ringbench.csv'; png='$(BUILD)/ringbench.png'" \
	    tools/ringbench/ringbench.gp
	@echo "ringbench: $(BUILD)/ringbench.csv $(BUILD)/ringbench.png"


# ============================================================================================
# Host unit tests of hypervisor logic (section owned by the unit-test work)
# ============================================================================================
# test-unit: cmocka tests of hv/ modules built for the host with ASan+UBSan from the very
# sources the hypervisor links (tests/unit/env_host.c fakes hv/env.h), each run through
# tools/tap2verdict.sh; a fixed-length libFuzzer run of the multiboot2 parser (clang); and a
# check that the same modules build with the hypervisor's freestanding flags.
UNIT_DIR      := $(BUILD)/unit
UNIT_CFLAGS   := $(HOSTCFLAGS) $(SANITIZE) -MMD -MP
UNIT_COMMON   := tests/unit/env_host.c
UNIT_TESTS    := fmt string mb2 mb2_bad mb2_ranges frame_alloc guest_range multicall
UNIT_SRC_fmt         := tests/unit/test_fmt.c hv/lib/fmt.c
UNIT_SRC_string      := tests/unit/test_string.c tests/unit/string_shim.c
UNIT_SRC_mb2         := tests/unit/test_mb2.c tests/unit/mb2_build.c hv/mb2.c
UNIT_SRC_mb2_bad     := tests/unit/test_mb2_bad.c tests/unit/mb2_build.c hv/mb2.c
UNIT_SRC_mb2_ranges  := tests/unit/test_mb2_ranges.c hv/mb2.c
UNIT_SRC_frame_alloc := tests/unit/test_frame_alloc.c hv/mm/frame_alloc.c
UNIT_SRC_guest_range := tests/unit/test_guest_range.c hv/guest_access.c
UNIT_SRC_multicall   := tests/unit/test_multicall.c hv/multicall.c
UNIT_BINS     := $(patsubst %,$(UNIT_DIR)/test_%,$(UNIT_TESTS))
unit_obj       = $(patsubst %.c,$(UNIT_DIR)/%.o,$(1) $(UNIT_COMMON))
# Modules that must also compile freestanding (rules in the hypervisor section).
UNIT_KOBJS    := $(BUILD)/hv/lib/fmt.o $(BUILD)/hv/lib/string.o $(BUILD)/hv/mb2.o \
                 $(BUILD)/hv/mm/frame_alloc.o
FUZZ_CC       ?= clang
FUZZ_RUNS     ?= 200000
FUZZ_SRC      := tests/unit/fuzz_mb2.c tests/unit/fuzz_check.c hv/mb2.c
FUZZ_FLAGS    := $(HOSTCFLAGS) -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all

.PHONY: test-unit unit-run unit-fuzz unit-freestanding
test-unit: $(UNIT_BINS) $(UNIT_DIR)/fuzz_mb2 $(UNIT_DIR)/mb2_seed
	@fail=0; \
	$(MAKE) --no-print-directory unit-run || fail=1; \
	$(MAKE) --no-print-directory unit-freestanding || fail=1; \
	$(MAKE) --no-print-directory unit-fuzz || fail=1; \
	exit $$fail

unit-run: $(UNIT_BINS)
	@fail=0; for t in $(UNIT_TESTS); do \
	    b=$(UNIT_DIR)/test_$$t; \
	    CMOCKA_MESSAGE_OUTPUT=TAP $$b > $$b.tap 2> $$b.err; st=$$?; \
	    tools/tap2verdict.sh unit/$$t/ $$st < $$b.tap || { fail=1; cat $$b.err; }; \
	done; exit $$fail

unit-freestanding:
	@if $(MAKE) --no-print-directory $(UNIT_KOBJS) > $(UNIT_DIR)/freestanding.log 2>&1; \
	then echo "PASS: unit/freestanding/compile"; \
	else echo "FAIL: unit/freestanding/compile: see $(UNIT_DIR)/freestanding.log"; exit 1; fi
	@u=$$(nm -u $(BUILD)/hv/lib/string.o); if [ -z "$$u" ]; \
	then echo "PASS: unit/freestanding/string_calls_nothing"; \
	else echo "FAIL: unit/freestanding/string_calls_nothing: needs" $$u; exit 1; fi

# The fuzz corpus starts from well-formed informations written by mb2_seed; the run is
# deterministic (fixed -seed) and bounded by FUZZ_RUNS executions.
unit-fuzz: $(UNIT_DIR)/fuzz_mb2 $(UNIT_DIR)/mb2_seed
	@rm -rf $(UNIT_DIR)/fuzz_corpus $(UNIT_DIR)/fuzz_seeds
	@mkdir -p $(UNIT_DIR)/fuzz_corpus $(UNIT_DIR)/fuzz_seeds
	@$(UNIT_DIR)/mb2_seed $(UNIT_DIR)/fuzz_seeds
	@if $(UNIT_DIR)/fuzz_mb2 -runs=$(FUZZ_RUNS) -seed=1 -max_len=4096 \
	        -artifact_prefix=$(UNIT_DIR)/ $(UNIT_DIR)/fuzz_corpus $(UNIT_DIR)/fuzz_seeds \
	        > $(UNIT_DIR)/fuzz_mb2.log 2>&1; \
	then echo "PASS: unit/fuzz/mb2 ($(FUZZ_RUNS) runs)"; \
	else echo "FAIL: unit/fuzz/mb2: see $(UNIT_DIR)/fuzz_mb2.log"; tail -n 30 $(UNIT_DIR)/fuzz_mb2.log; exit 1; fi

$(UNIT_DIR)/test_fmt: $(call unit_obj,$(UNIT_SRC_fmt))
$(UNIT_DIR)/test_string: $(call unit_obj,$(UNIT_SRC_string))
$(UNIT_DIR)/test_mb2: $(call unit_obj,$(UNIT_SRC_mb2))
$(UNIT_DIR)/test_mb2_bad: $(call unit_obj,$(UNIT_SRC_mb2_bad))
$(UNIT_DIR)/test_mb2_ranges: $(call unit_obj,$(UNIT_SRC_mb2_ranges))
$(UNIT_DIR)/test_frame_alloc: $(call unit_obj,$(UNIT_SRC_frame_alloc))
$(UNIT_DIR)/test_guest_range: $(call unit_obj,$(UNIT_SRC_guest_range))
$(UNIT_DIR)/test_multicall: $(call unit_obj,$(UNIT_SRC_multicall))
$(UNIT_BINS):
	$(HOSTCC) $(SANITIZE) -o $@ $^ -lcmocka

$(UNIT_DIR)/mb2_seed: $(call unit_obj,tests/unit/mb2_seed.c tests/unit/mb2_build.c)
	$(HOSTCC) $(SANITIZE) -o $@ $^

$(UNIT_DIR)/fuzz_mb2: $(FUZZ_SRC) $(UNIT_COMMON) hv/mb2.h hv/env.h tests/unit/fuzz_check.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $(FUZZ_SRC) $(UNIT_COMMON)

$(UNIT_DIR)/%.o: %.c
	@mkdir -p $(dir $@)
	$(HOSTCC) $(UNIT_CFLAGS) -c -o $@ $<

-include $(shell find $(UNIT_DIR) -name '*.d' 2>/dev/null)

# ============================================================================================
# MMU host tests (owned by the mm work)
# ============================================================================================
# test-mm: cmocka tests of the PV MMU (hv/mm/frame, ptype, pt_check, mmu_op, audit) on fake
# frame memory (tests/unit/mm_env_fake.c), built with ASan+UBSan into build/mm/ and run
# through tools/tap2verdict.sh; a compile of the same modules with the hypervisor's
# freestanding flags; and a libFuzzer run (clang) of random guest action sequences with the
# audit as oracle, deterministic (-seed=1) and bounded by MM_FUZZ_RUNS inputs.
MM_DIR    := $(BUILD)/mm
MM_MODS   := hv/mm/frame.c hv/mm/ptype.c hv/mm/pt_check.c hv/mm/audit.c hv/mm/mmu_op.c
MM_COMMON := tests/unit/mm_env_fake.c tests/unit/mm_guest.c tests/unit/env_host.c
# mmu_op.c makes trace calls (hv/trace_mm.h): the recorder links in, its stream sinks unread.
MM_COMMON += hv/trace.c hv/trace_mm.c tests/trace/sink.c
MM_HDRS   := $(wildcard hv/mm/*.h) arch/x86_64/pte.h tests/unit/mm_env_fake.h \
             tests/unit/mm_test.h tests/unit/mm_guest.h tests/unit/env_host.h
MM_TESTS  := frame ptype pt_check mmu_op mmu_op_ext
MM_BINS   := $(patsubst %,$(MM_DIR)/test_%,$(MM_TESTS))
MM_KOBJS  := $(patsubst %.c,$(BUILD)/%.o,$(MM_MODS))
MM_FUZZ_CC    ?= clang
MM_FUZZ_RUNS  ?= 20000
MM_FUZZ_FLAGS := $(HOSTCFLAGS) -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all

.PHONY: test-mm mm-run mm-freestanding mm-fuzz
test-mm: $(MM_BINS) $(MM_DIR)/fuzz_mm
	@fail=0; \
	$(MAKE) --no-print-directory mm-run || fail=1; \
	$(MAKE) --no-print-directory mm-freestanding || fail=1; \
	$(MAKE) --no-print-directory mm-fuzz || fail=1; \
	exit $$fail

mm-fuzz: $(MM_DIR)/fuzz_mm
	@if $(MM_DIR)/fuzz_mm -runs=$(MM_FUZZ_RUNS) -seed=1 -max_len=256 \
	        -artifact_prefix=$(MM_DIR)/ > $(MM_DIR)/fuzz.log 2>&1; \
	then echo "PASS: mm/fuzz/random_actions_audit_clean"; \
	else echo "FAIL: mm/fuzz/random_actions_audit_clean: see $(MM_DIR)/fuzz.log"; \
	    grep -m3 'fuzz_mm:\|ERROR' $(MM_DIR)/fuzz.log; exit 1; fi

$(MM_DIR)/fuzz_mm: tests/unit/fuzz_mm.c $(MM_MODS) $(MM_COMMON) $(MM_HDRS)
	@mkdir -p $(dir $@)
	$(MM_FUZZ_CC) $(MM_FUZZ_FLAGS) -o $@ $< $(MM_MODS) $(MM_COMMON)

mm-run: $(MM_BINS)
	@fail=0; for t in $(MM_TESTS); do \
	    b=$(MM_DIR)/test_$$t; \
	    CMOCKA_MESSAGE_OUTPUT=TAP $$b > $$b.tap 2> $$b.err; st=$$?; \
	    tools/tap2verdict.sh mm/$$t/ $$st < $$b.tap || { fail=1; cat $$b.err; }; \
	done; exit $$fail

mm-freestanding:
	@mkdir -p $(MM_DIR)
	@if $(MAKE) --no-print-directory $(MM_KOBJS) > $(MM_DIR)/freestanding.log 2>&1; \
	then echo "PASS: mm/freestanding/compile"; \
	else echo "FAIL: mm/freestanding/compile: see $(MM_DIR)/freestanding.log"; exit 1; fi

$(MM_DIR)/test_%: tests/unit/test_%.c $(MM_MODS) $(MM_COMMON) $(MM_HDRS)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOSTCFLAGS) $(SANITIZE) -o $@ $< $(MM_MODS) $(MM_COMMON) -lcmocka

# ============================================================================================
# Guest ELF parser tests (owned by the elf work)
# ============================================================================================
# test-elf: cmocka tests of hv/elf.c (tests/unit/test_elf.c, plus the real build/pvguest.elf
# when it has been built) with ASan+UBSan into build/elf/, run through tools/tap2verdict.sh; a
# deterministic libFuzzer run (clang, fixed -seed, ELF_FUZZ_RUNS executions) seeded with the
# test's valid image; and hv/elf.o built with the hypervisor's freestanding flags, needing
# nothing beyond hv/env.h's string primitives and vsnprintk.
ELF_DIR       := $(BUILD)/elf
ELF_MODS      := hv/elf.c hv/lib/fmt.c
ELF_HDRS      := hv/elf.h hv/elf64.h hv/env.h hv/lib/fmt.h abi/elfnote.h abi/features.h \
                 abi/arch_x86.h arch/x86_64/pte.h arch/x86_64/types.h
ELF_FUZZ_CC   ?= clang
ELF_FUZZ_RUNS ?= 40000
ELF_PVGUEST   := $(BUILD)/pvguest.elf
ELF_KNEEDS    := memcmp memcpy memset strlen strncmp strnlen vsnprintk

.PHONY: test-elf elf-run elf-fuzz elf-freestanding
test-elf: $(ELF_DIR)/test_elf $(ELF_DIR)/fuzz_elf
	@fail=0; \
	$(MAKE) --no-print-directory elf-run || fail=1; \
	$(MAKE) --no-print-directory elf-freestanding || fail=1; \
	$(MAKE) --no-print-directory elf-fuzz || fail=1; \
	exit $$fail

elf-run: $(ELF_DIR)/test_elf
	@b=$(ELF_DIR)/test_elf; p=$(ELF_PVGUEST); [ -f "$$p" ] || p=; \
	CMOCKA_MESSAGE_OUTPUT=TAP $$b $$p > $$b.tap 2> $$b.err; st=$$?; \
	tools/tap2verdict.sh elf/ $$st < $$b.tap || { cat $$b.err; exit 1; }

elf-freestanding:
	@mkdir -p $(ELF_DIR)
	@if $(MAKE) --no-print-directory $(BUILD)/hv/elf.o > $(ELF_DIR)/freestanding.log 2>&1; \
	then echo "PASS: elf/freestanding/compile"; \
	else echo "FAIL: elf/freestanding/compile: see $(ELF_DIR)/freestanding.log"; exit 1; fi
	@extra=$$(nm -u $(BUILD)/hv/elf.o | awk '{print $$2}' | grep -v -x -F \
	    $(patsubst %,-e %,$(ELF_KNEEDS))); if [ -z "$$extra" ]; \
	then echo "PASS: elf/freestanding/needs_only_env"; \
	else echo "FAIL: elf/freestanding/needs_only_env: also needs" $$extra; exit 1; fi

elf-fuzz: $(ELF_DIR)/fuzz_elf $(ELF_DIR)/test_elf
	@rm -rf $(ELF_DIR)/fuzz_corpus $(ELF_DIR)/fuzz_seeds
	@mkdir -p $(ELF_DIR)/fuzz_corpus $(ELF_DIR)/fuzz_seeds
	@$(ELF_DIR)/test_elf --seed $(ELF_DIR)/fuzz_seeds/valid.elf
	@if $(ELF_DIR)/fuzz_elf -runs=$(ELF_FUZZ_RUNS) -seed=1 -max_len=65536 \
	        -artifact_prefix=$(ELF_DIR)/ $(ELF_DIR)/fuzz_corpus $(ELF_DIR)/fuzz_seeds \
	        > $(ELF_DIR)/fuzz_elf.log 2>&1; \
	then echo "PASS: elf/fuzz ($(ELF_FUZZ_RUNS) runs)"; \
	else echo "FAIL: elf/fuzz: see $(ELF_DIR)/fuzz_elf.log"; tail -n 30 $(ELF_DIR)/fuzz_elf.log; exit 1; fi

ELF_TEST_SRC  := tests/unit/test_elf.c tests/unit/elf_build.c
$(ELF_DIR)/test_elf: $(ELF_TEST_SRC) tests/unit/elf_build.h $(ELF_MODS) $(ELF_HDRS)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOSTCFLAGS) $(SANITIZE) -o $@ $(ELF_TEST_SRC) $(ELF_MODS) -lcmocka

$(ELF_DIR)/fuzz_elf: tests/unit/fuzz_elf.c $(ELF_MODS) $(ELF_HDRS)
	@mkdir -p $(dir $@)
	$(ELF_FUZZ_CC) $(HOSTCFLAGS) -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	    -o $@ tests/unit/fuzz_elf.c $(ELF_MODS)

# ============================================================================================
# Trace: recorder tests and keeltrace (owned by the trace work)
# ============================================================================================
# keeltrace: the host trace inspector, build/trace/keeltrace (tools/keeltrace/, libc only).
# test-trace: cmocka tests (ASan/UBSan) of hv/trace.c on a fake port and clock, of keeltrace's
# reader, pairing and decoders, and of its name tables against Xen's headers; the golden
# traces regenerated and compared byte for byte, with keeltrace's dump/stats output, timeline
# JSON (jq), PNGs, filters and damaged input (tests/trace/run.sh); a fixed-length libFuzzer
# run of the decoder; and hv/trace.c compiled with the hypervisor's freestanding flags.
# trace-golden: rewrites tests/trace/golden/ from the current code: review the diff.
TRACE_DIR      := $(BUILD)/trace
KT_LIB_SRC     := tools/keeltrace/reader.c tools/keeltrace/pair.c tools/keeltrace/filter.c \
                  tools/keeltrace/names.c tools/keeltrace/decode.c tools/keeltrace/sbuf.c \
                  tools/keeltrace/dump.c tools/keeltrace/agg.c tools/keeltrace/stats.c \
                  tools/keeltrace/timeline.c tools/keeltrace/plot.c
KT_SRC         := $(KT_LIB_SRC) tools/keeltrace/main.c
KT_HDRS        := $(wildcard tools/keeltrace/*.h) abi/keel_trace.h abi/errno.h
TRACE_HV_SRC   := hv/trace.c tests/trace/fake.c
TRACE_HV_HDRS  := hv/trace.h hv/env.h abi/keel_trace.h tests/trace/fake.h
TRACE_SAN      := $(HOSTCFLAGS) $(SANITIZE)
TRACE_TESTS    := recorder reader names
TRACE_FUZZ_CC  ?= clang
TRACE_FUZZ_RUNS ?= 30000

.PHONY: keeltrace test-trace trace-run trace-fuzz trace-freestanding trace-golden trace-qemu
keeltrace: $(TRACE_DIR)/keeltrace

$(TRACE_DIR)/keeltrace: $(KT_SRC) $(KT_HDRS)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOSTCFLAGS) -O2 -o $@ $(KT_SRC)

$(TRACE_DIR)/keeltrace-san: $(KT_SRC) $(KT_HDRS)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(TRACE_SAN) -o $@ $(KT_SRC)

$(TRACE_DIR)/gen_golden: tests/trace/gen_golden.c $(TRACE_HV_SRC) $(TRACE_HV_HDRS)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(TRACE_SAN) -o $@ tests/trace/gen_golden.c $(TRACE_HV_SRC)

$(TRACE_DIR)/test_recorder: tests/trace/test_recorder.c $(TRACE_HV_SRC) $(TRACE_HV_HDRS) \
                            $(KT_LIB_SRC) $(KT_HDRS)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(TRACE_SAN) -o $@ $< $(TRACE_HV_SRC) $(KT_LIB_SRC) -lcmocka

$(TRACE_DIR)/test_reader: tests/trace/test_reader.c $(TRACE_HV_SRC) $(TRACE_HV_HDRS) \
                          $(KT_LIB_SRC) $(KT_HDRS)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(TRACE_SAN) -o $@ $< $(TRACE_HV_SRC) $(KT_LIB_SRC) -lcmocka

$(TRACE_DIR)/test_names: tests/trace/test_names.c $(KT_LIB_SRC) $(KT_HDRS)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(TRACE_SAN) -o $@ $< $(KT_LIB_SRC) -lcmocka

$(TRACE_DIR)/fuzz_reader: tests/trace/fuzz_reader.c $(KT_LIB_SRC) $(KT_HDRS)
	@mkdir -p $(dir $@)
	$(TRACE_FUZZ_CC) $(HOSTCFLAGS) -fsanitize=fuzzer,address,undefined \
	    -fno-sanitize-recover=all -o $@ $< $(KT_LIB_SRC)

test-trace: $(patsubst %,$(TRACE_DIR)/test_%,$(TRACE_TESTS)) $(TRACE_DIR)/gen_golden \
            $(TRACE_DIR)/keeltrace-san $(TRACE_DIR)/keeltrace $(TRACE_DIR)/fuzz_reader
	@fail=0; \
	for t in $(TRACE_TESTS); do \
	    b=$(TRACE_DIR)/test_$$t; \
	    CMOCKA_MESSAGE_OUTPUT=TAP $$b > $$b.tap 2> $$b.err; st=$$?; \
	    tools/tap2verdict.sh trace/$$t/ $$st < $$b.tap || { fail=1; cat $$b.err; }; \
	done; \
	sh tests/trace/run.sh $(TRACE_DIR) || fail=1; \
	$(MAKE) --no-print-directory trace-qemu || fail=1; \
	$(MAKE) --no-print-directory trace-fuzz || fail=1; \
	$(MAKE) --no-print-directory trace-freestanding || fail=1; \
	exit $$fail

# QEMU: the trace-sequence and trace-lost scenarios booted with the stream captured, then
# decoded and checked (tests/trace/qemu.sh: the exact sequence, lost records counted).
TRACE_SCN_ISOS := $(BUILD)/scenarios/trace-sequence.iso $(BUILD)/scenarios/trace-lost.iso
trace-qemu: $(TRACE_DIR)/keeltrace $(TRACE_SCN_ISOS)
	@sh tests/trace/qemu.sh $(BUILD) $(TRACE_DIR)

# Seeds: the golden traces; fixed seed and run count, so the run is repeatable.
trace-fuzz: $(TRACE_DIR)/fuzz_reader
	@rm -rf $(TRACE_DIR)/fuzz_corpus && mkdir -p $(TRACE_DIR)/fuzz_corpus
	@cp tests/trace/golden/*.bin $(TRACE_DIR)/fuzz_corpus/
	@if $(TRACE_DIR)/fuzz_reader -runs=$(TRACE_FUZZ_RUNS) -seed=1 -max_len=8192 \
	        -artifact_prefix=$(TRACE_DIR)/ $(TRACE_DIR)/fuzz_corpus \
	        > $(TRACE_DIR)/fuzz_reader.log 2>&1; \
	then echo "PASS: trace/fuzz/reader ($(TRACE_FUZZ_RUNS) runs)"; \
	else echo "FAIL: trace/fuzz/reader: see $(TRACE_DIR)/fuzz_reader.log"; \
	    tail -n 30 $(TRACE_DIR)/fuzz_reader.log; exit 1; fi

trace-freestanding:
	@mkdir -p $(TRACE_DIR)
	@if $(MAKE) --no-print-directory $(BUILD)/hv/trace.o > $(TRACE_DIR)/freestanding.log 2>&1; \
	then echo "PASS: trace/freestanding/compile"; \
	else echo "FAIL: trace/freestanding/compile: see $(TRACE_DIR)/freestanding.log"; exit 1; fi

trace-golden: $(TRACE_DIR)/gen_golden $(TRACE_DIR)/keeltrace-san
	$(TRACE_DIR)/gen_golden tests/trace/golden/two.bin tests/trace/golden/lost.bin
	for t in two lost; do for c in dump stats; do \
	    $(TRACE_DIR)/keeltrace-san $$c tests/trace/golden/$$t.bin > tests/trace/golden/$$t.$$c; \
	done; done

# ============================================================================================
# Benchmarks (make bench): instruction counts under -icount, Keel against real Xen 4.17 in one run
# ============================================================================================
.PHONY: bench
bench: $(BUILD)/hv.elf $(BUILD)/pvguest.elf
	@sh $(DEPS_SH)
	sh tools/bench.sh $(BUILD)

# ============================================================================================
# make trace: boot two traced domains; the record stream lands in build/trace.bin
# (inspect it with build/trace/keeltrace dump|stats|timeline|plot build/trace.bin)
# ============================================================================================
.PHONY: trace
TRACE_CFG ?= boot/grub-trace.cfg
trace: $(BUILD)/hv.elf $(BUILD)/pvguest.elf
	@sh $(DEPS_SH)
	sh tools/mkiso.sh $(BUILD)/trace.iso $(TRACE_CFG) $(BUILD)/hv.elf $(BUILD)/pvguest.elf
	rm -f $(BUILD)/trace.bin
	timeout 120 qemu-system-x86_64 -cpu max,-smap -machine q35 -m 256M -boot d -nic none \
	    -no-reboot -nographic -monitor none -serial file:$(BUILD)/logs/trace.log \
	    -debugcon file:$(BUILD)/trace.bin -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
	    -cdrom $(BUILD)/trace.iso; st=$$?; [ $$st -eq 33 ] || [ $$st -eq 35 ] || \
	    { echo "trace: QEMU status $$st (log $(BUILD)/logs/trace.log)"; exit 1; }
	@echo "trace: $$(wc -c < $(BUILD)/trace.bin) bytes in $(BUILD)/trace.bin"

# ============================================================================================
# Hostile guests (section owned by the attacks work)
# ============================================================================================
# build/attacker.elf: pvguest's core (everything but its tests; the probe snippets and the bad
# pointer list kept) plus every tests/attacks/*.c, whose TEST_CASEs are the attack scenarios
# (docs/attacks.md).
# test-attacks: one verdict per attack (attacks/<name>) from the serial log of the QEMU
# scenario tests/boot/attacks (d0 runs pvguest's suite, d1 every attack, audit=1), plus one
# for the scenario as a whole; the log of make test-boot's run is reused when it is newer
# than the ISO, otherwise the scenario is booted here (tests/attacks/verdicts.sh).
ATK_C    := $(sort $(wildcard tests/attacks/*.c))
ATK_CORE := $(filter-out $(BUILD)/pvguest/tests/%,$(PVG_OBJ)) $(BUILD)/pvguest/tests/probe.o \
            $(BUILD)/pvguest/tests/badptr.o
ATK_OBJ  := $(ATK_CORE) $(patsubst %.c,$(BUILD)/%.o,$(ATK_C))

.PHONY: attacker test-attacks
attacker: $(BUILD)/attacker.elf

$(BUILD)/tests/attacks/%.o: tests/attacks/%.c
	@mkdir -p $(dir $@)
	$(CC) $(PVG_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/attacker.pass1.elf: $(ATK_OBJ) $(BUILD)/pvguest/symtab.empty.o pvguest/pvguest.ld
	$(LD) $(PVG_LDFLAGS) -o $@ $(ATK_OBJ) $(BUILD)/pvguest/symtab.empty.o

$(BUILD)/attacker.elf: $(BUILD)/attacker.pass1.elf pvguest/symtab.sh
	@mkdir -p $(BUILD)/tests/attacks
	$(NM) -n $< > $(BUILD)/attacker.pass1.sym
	sh pvguest/symtab.sh $(BUILD)/attacker.pass1.sym > $(BUILD)/tests/attacks/symtab.S
	$(CC) $(PVG_ASFLAGS) -c -o $(BUILD)/tests/attacks/symtab.o $(BUILD)/tests/attacks/symtab.S
	$(LD) $(PVG_LDFLAGS) -o $@ $(ATK_OBJ) $(BUILD)/tests/attacks/symtab.o
	$(NM) -n $@ > $(BUILD)/attacker.sym
	grep ' [tT] ' $(BUILD)/attacker.pass1.sym > $(BUILD)/attacker.pass1.text
	grep ' [tT] ' $(BUILD)/attacker.sym > $(BUILD)/attacker.text
	cmp -s $(BUILD)/attacker.pass1.text $(BUILD)/attacker.text || \
		{ echo "attacker: text moved between link passes" >&2; rm -f $@; exit 1; }

test-attacks: $(BUILD)/scenarios/attacks.iso $(BUILD)/attacker.elf
	@BUILD=$(BUILD) sh tests/attacks/verdicts.sh

-include $(ATK_OBJ:.o=.d)

# ============================================================================================
# Time and scheduling: host tests (section owned by the time work)
# ============================================================================================
# test-time: cmocka tests (ASan+UBSan) of the pure parts of hv/time and the run queue: the
# pvclock scale against 128-bit arithmetic, RTC decoding, the timer queue, round robin.
TIME_DIR    := $(BUILD)/time
TIME_TESTS  := pvclock wallclock timer runq
TIME_SRC_pvclock   := tests/time/test_pvclock.c hv/time/pvclock.c
TIME_SRC_wallclock := tests/time/test_wallclock.c hv/time/wallclock.c
TIME_SRC_timer     := tests/time/test_timer.c hv/time/timer.c
TIME_SRC_runq      := tests/time/test_runq.c hv/runq.c
TIME_BINS   := $(patsubst %,$(TIME_DIR)/test_%,$(TIME_TESTS))

$(foreach t,$(TIME_TESTS),$(eval $(TIME_DIR)/test_$(t): $(TIME_SRC_$(t)) tests/unit/env_host.c))
$(TIME_BINS):
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOSTCFLAGS) $(SANITIZE) -o $@ $^ -lcmocka

.PHONY: test-time
test-time: $(TIME_BINS)
	@fail=0; for t in $(TIME_TESTS); do \
	    b=$(TIME_DIR)/test_$$t; \
	    CMOCKA_MESSAGE_OUTPUT=TAP $$b > $$b.tap 2> $$b.err; st=$$?; \
	    tools/tap2verdict.sh time/$$t/ $$st < $$b.tap || { fail=1; cat $$b.err; }; \
	done; exit $$fail

# ============================================================================================
# Event channels: host tests (section owned by the evtchn work)
# ============================================================================================
# test-evtchn: cmocka tests (ASan+UBSan) of the event-channel port logic (hv/event/
# evtchn_port.c) on fake domains and shared_info (tests/evtchn/evtchn_fake.c): the port state
# machine, 4095 ports, the 2-level bitmap/selector/upcall rules, hostile arguments leaving the
# state unchanged; and the same module built with the hypervisor's freestanding flags.
EVT_DIR    := $(BUILD)/evtchn
EVT_TESTS  := ports delivery hostile
EVT_COMMON := tests/evtchn/evtchn_fake.c hv/event/evtchn_port.c tests/unit/env_host.c
EVT_HDRS   := $(wildcard hv/event/*.h) tests/evtchn/evtchn_fake.h
EVT_BINS   := $(patsubst %,$(EVT_DIR)/test_%,$(EVT_TESTS))

$(EVT_DIR)/test_%: tests/evtchn/test_evtchn_%.c $(EVT_COMMON) $(EVT_HDRS)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOSTCFLAGS) $(SANITIZE) -o $@ $< $(EVT_COMMON) -lcmocka

.PHONY: test-evtchn
test-evtchn: $(EVT_BINS)
	@fail=0; for t in $(EVT_TESTS); do \
	    b=$(EVT_DIR)/test_$$t; \
	    CMOCKA_MESSAGE_OUTPUT=TAP $$b > $$b.tap 2> $$b.err; st=$$?; \
	    tools/tap2verdict.sh evtchn/$$t/ $$st < $$b.tap || { fail=1; cat $$b.err; }; \
	done; \
	if $(MAKE) --no-print-directory $(BUILD)/hv/event/evtchn_port.o > $(EVT_DIR)/free.log 2>&1; \
	then echo "PASS: evtchn/freestanding/compile"; \
	else echo "FAIL: evtchn/freestanding/compile: see $(EVT_DIR)/free.log"; fail=1; fi; \
	exit $$fail

# ============================================================================================
# QEMU: run, debug, scenarios, the test suite (section owned by the harness work)
# ============================================================================================
# run/debug: build build/keel.iso and boot it (tools/qemu-run.sh). test-boot: every scenario
# under tests/boot/<name>/ (docs/testing.md), its ISO built here from hv.elf, its grub.cfg and
# the files its definition lists on "file" lines. test: every group, via tools/testsuite.sh.
SCENARIOS     ?= $(notdir $(patsubst %/scenario,%,$(wildcard tests/boot/*/scenario)))
SCENARIO_ISOS := $(patsubst %,$(BUILD)/scenarios/%.iso,$(SCENARIOS))
BOOT_JOBS     ?= 2

# scn_files NAME: the extra files scenario NAME puts in its ISO's /boot/ (build/... follows BUILD).
scn_files = $(shell awk -v b='$(BUILD)' '$$1 == "file" { p = $$2; sub(/^build\//, b "/", p); \
                                                         print p }' tests/boot/$(1)/scenario)

.PHONY: test-boot test-harness

run:
	@sh $(DEPS_SH)
	@$(MAKE) --no-print-directory $(BUILD)/keel.iso
	@BUILD=$(BUILD) sh tools/qemu-run.sh $(BUILD)/keel.iso

debug:
	@sh $(DEPS_SH)
	@$(MAKE) --no-print-directory $(BUILD)/keel.iso
	@BUILD=$(BUILD) sh tools/qemu-run.sh --debug $(BUILD)/keel.iso $(BUILD)/hv.elf

.SECONDEXPANSION:
$(BUILD)/scenarios/%.iso: $(BUILD)/hv.elf tests/boot/%/grub.cfg tests/boot/%/scenario \
                          tools/mkiso.sh $$(call scn_files,$$*)
	@mkdir -p $(dir $@)
	sh tools/mkiso.sh $@ tests/boot/$*/grub.cfg $(BUILD)/hv.elf $(call scn_files,$*)

test-boot: $(SCENARIO_ISOS)
	@BUILD=$(BUILD) BOOT_JOBS=$(BOOT_JOBS) sh tools/bootsuite.sh $(SCENARIOS)

# The scenario runner's own rules, checked against a stub QEMU (no boot, a few seconds).
test-harness:
	@sh tools/harness-selftest.sh

test:
	@sh $(DEPS_SH)
	@BUILD=$(BUILD) MAKE='$(MAKE)' sh tools/testsuite.sh

clean:
	rm -rf $(BUILD)
