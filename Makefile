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
HV_C := arch/x86_64/gdt.c arch/x86_64/idt.c arch/x86_64/trap.c arch/x86_64/uart.c \
        arch/x86_64/vga.c arch/x86_64/cpu.c arch/x86_64/power.c \
        hv/main.c hv/console.c hv/panic.c hv/symbols.c hv/bootinfo.c hv/cmdline.c \
        hv/hvtest.c hv/lib/string.c hv/lib/fmt.c hv/mb2.c hv/mm/frame_alloc.c \
        hv/mm/directmap.c hv/traps.c

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
ISO_EXTRA ?=

$(BUILD)/keel.iso: $(BUILD)/hv.elf $(GRUB_CFG) $(ISO_EXTRA)
	rm -rf $(BUILD)/iso && mkdir -p $(BUILD)/iso/boot/grub
	cp $(BUILD)/hv.elf $(BUILD)/iso/boot/hv.elf
	for f in $(ISO_EXTRA); do cp $$f $(BUILD)/iso/boot/; done
	cp $(GRUB_CFG) $(BUILD)/iso/boot/grub/grub.cfg
	grub-mkrescue -o $@ $(BUILD)/iso 2>/dev/null

# ============================================================================================
# pvguest (section owned by the pvguest work)
# ============================================================================================

# ============================================================================================
# abi/ conformance (section owned by the abi work)
# ============================================================================================

# ============================================================================================
# ring/ library, its tests and ringbench (section owned by the ring work)
# ============================================================================================

# ============================================================================================
# Host unit tests of hypervisor logic (section owned by the unit-test work)
# ============================================================================================

# ============================================================================================
# QEMU: run, debug, scenarios, the test suite (section owned by the harness work)
# ============================================================================================
# run/debug: build build/keel.iso and boot it (tools/qemu-run.sh). test-boot: every scenario
# under tests/boot/<name>/ (docs/testing.md), its ISO built here from hv.elf, its grub.cfg and
# the files its definition lists on "file" lines. test: every group, via tools/testsuite.sh.
SCENARIOS     ?= $(notdir $(patsubst %/scenario,%,$(wildcard tests/boot/*/scenario)))
SCENARIO_ISOS := $(patsubst %,$(BUILD)/scenarios/%.iso,$(SCENARIOS))
BOOT_JOBS     ?= 2

# scn_files NAME: the extra files scenario NAME puts in its ISO's /boot/.
scn_files = $(shell awk '$$1 == "file" { print $$2 }' tests/boot/$(1)/scenario)

.PHONY: test-boot

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

test:
	@sh $(DEPS_SH)
	@BUILD=$(BUILD) MAKE='$(MAKE)' sh tools/testsuite.sh

clean:
	rm -rf $(BUILD)
