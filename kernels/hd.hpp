// hd.hpp -- HELICASE_HD marks per-item kernel functions that compile for host and device.
//
// Under nvcc it expands to __host__ __device__; in the plain C++ build it is empty, so the
// same per-item function is the CPU reference and the body of the CUDA kernel.
#pragma once

#if defined(__CUDACC__)
#define HELICASE_HD __host__ __device__
#define HELICASE_HD_INLINE __host__ __device__ __forceinline__
#else
#define HELICASE_HD
#define HELICASE_HD_INLINE inline
#endif
