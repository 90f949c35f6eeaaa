/* Exception fixups: a table of (instruction, continuation) pairs for the few hypervisor
 * instructions that are allowed to fault (the accesses to guest memory in
 * hv/guest_access.c). A #PF or #GP taken in ring 0 at one of those instructions resumes at
 * its continuation instead of being a hypervisor panic; every other ring-0 exception still
 * is one. Entries are emitted next to the instruction with EXTABLE_ENTRY and collected by
 * the link script between hv_extable_start and hv_extable_end. */
#ifndef ARCH_X86_64_EXTABLE_H
#define ARCH_X86_64_EXTABLE_H

#include "arch/x86_64/regs.h"

struct extable_entry {
    uint64_t insn;    /* address of the instruction that may fault */
    uint64_t fixup;   /* where execution continues if it does */
};

/* Assembler text that records "a fault at insn continues at fixup" (both label expressions,
 * e.g. "1b" and "%l[fault]" in an asm goto). */
#define EXTABLE_ENTRY(insn, fixup)                      \
    ".pushsection .keel_extable, \"a\"\n\t"             \
    ".balign 8\n\t"                                     \
    ".quad " insn ", " fixup "\n\t"                     \
    ".popsection\n\t"

/* For a ring-0 #PF or #GP at a listed instruction: moves regs->rip to its continuation and
 * returns true. Returns false for anything else. */
bool extable_fixup(struct cpu_regs *regs);

#endif
