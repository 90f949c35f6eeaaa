/* Self-tests selected on the hypervisor command line (hvtest=NAME), for scenarios that must
 * see the hypervisor fail on purpose. */
#ifndef HV_HVTEST_H
#define HV_HVTEST_H

/* Runs the test named by hvtest= on the command line, if any. */
void hvtest_run(const char *cmdline);

#endif
