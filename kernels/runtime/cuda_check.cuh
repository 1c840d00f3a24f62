// cuda_check.cuh -- CUDA status checks that throw helicase::Error (exit 5), never abort.
//
// HELICASE_CUDA_CHECK(expr) evaluates a cudaError_t expression and throws on failure,
// naming the call, file and line. Define HELICASE_CUDA_SYNC_DEBUG to synchronise after
// every checked call, so an asynchronous kernel fault is reported where it happened.
#pragma once

#include <cuda_runtime.h>

#include <string>

#include "common/error.hpp"

namespace helicase::gpu {

[[noreturn]] inline void throw_cuda_error(cudaError_t err, const char* what, const char* file, int line) {
  fail(ErrorKind::Gpu, std::string("CUDA error in ") + what + " (" + file + ":" + std::to_string(line) +
                           "): " + cudaGetErrorString(err));
}

}  // namespace helicase::gpu

#ifdef HELICASE_CUDA_SYNC_DEBUG
#define HELICASE_CUDA_CHECK(expr)                                                          \
  do {                                                                                     \
    cudaError_t helicase_err_ = (expr);                                                    \
    if (helicase_err_ == cudaSuccess) helicase_err_ = cudaDeviceSynchronize();             \
    if (helicase_err_ != cudaSuccess)                                                      \
      ::helicase::gpu::throw_cuda_error(helicase_err_, #expr, __FILE__, __LINE__);         \
  } while (0)
#else
#define HELICASE_CUDA_CHECK(expr)                                                          \
  do {                                                                                     \
    cudaError_t helicase_err_ = (expr);                                                    \
    if (helicase_err_ != cudaSuccess)                                                      \
      ::helicase::gpu::throw_cuda_error(helicase_err_, #expr, __FILE__, __LINE__);         \
  } while (0)
#endif
