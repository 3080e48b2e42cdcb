/*
 * MKL vendor shim: preloaded by ./poisonlab on AMD CPUs so that oneMKL (linked inside libtorch_cpu.so) takes the
 * GEMM kernels it takes on Intel CPUs with the same instruction sets. oneMKL since 2020 asks this function
 * whether the CPU is an Intel one and picks slower paths when it is not; the instruction set is still detected
 * from CPUID. Measured on one CPU, an AMD EPYC (Zen 4). Not a numerical change beyond rounding: other kernels
 * sum in another order (docs/train.md, "Speed, session 12: MKL on AMD CPUs").
 */
int mkl_serv_intel_cpu_true(void) { return 1; }
