/* What the domain builder handed pvguest: start_info (kept as given) and the shared_info
 * page, which pvguest maps itself over a reserved page of its image (start_info gives only
 * its machine address). */
#ifndef PVGUEST_BOOT_H
#define PVGUEST_BOOT_H

#include <stdbool.h>

#include "abi/shared_info.h"
#include "abi/start_info.h"

/* Records start_info and maps shared_info; 0 or the update_va_mapping error. */
long boot_init(const struct start_info *si);
const struct start_info *boot_start_info(void);
/* The shared_info page, or NULL when it could not be mapped. */
volatile struct shared_info *boot_shared_info(void);
/* vCPU 0's vcpu_info, or NULL when shared_info could not be mapped. */
volatile struct vcpu_info *boot_vcpu_info(void);
/* After VCPUOP_register_vcpu_info: vCPU 0's vcpu_info now lives at info. */
void boot_vcpu_info_moved_to(volatile struct vcpu_info *info);
bool boot_is_initdomain(void);

#endif
