/*
 * MKL vendor shim: preloaded by ./poisonlab on AMD CPUs so that oneMKL (linked inside libtorch_cpu.so) takes the
 * GEMM kernels it takes on Intel CPUs with the same instruction sets. oneMKL since 2020 asks this function
 * whether the CPU is an Intel one and picks slower generic paths when it is not; the instruction sets it then
 * uses are still chosen by CPUID, so nothing runs that the CPU lacks. Not a numerical change beyond rounding:
 * other kernels sum in another order (docs/train.md, "MKL on AMD CPUs").
 */
int mkl_serv_intel_cpu_true(void) { return 1; }
