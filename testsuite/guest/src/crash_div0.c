/*
 * crash_div0.c - a bad guest that divides an integer by zero and does not catch SIGFPE.
 *
 * The idiv raises #DE, which Linux delivers as SIGFPE; with the default disposition the process
 * dies (exit status 136 through the shell). Both operands are volatile because with a constant
 * dividend gcc replaces the division by a comparison that never traps.
 */
#include <stdio.h>

int main(void)
{
	volatile int dividend = 42, divisor = 0;

	printf("dividing by zero\n");
	fflush(stdout);
	volatile int quotient = dividend / divisor;

	printf("still alive: %d\n", quotient);
	return 1;
}
