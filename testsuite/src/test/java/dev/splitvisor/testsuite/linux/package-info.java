/**
 * The Linux personality and the system VM seen through real programs: Debian's dynamically
 * linked programs from a host root ({@code DynamicProgramsTest}), image layers as the root
 * ({@code ImageLayersTest}), guests that misbehave beside a good one ({@code BadGuestsTest}),
 * a VM killed in the middle of its I/O ({@code KilledGuestTest}), and the tenant's network:
 * loopback between VMs, published ports and allowed egress ({@code NetworkTest}). Each runs
 * bundled guest programs through {@link dev.splitvisor.testsuite.linux.GuestRun} and compares
 * what they print with what they print natively or with what Linux would do.
 */
package dev.splitvisor.testsuite.linux;
