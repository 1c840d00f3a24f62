# helicase-align seeding half: find_regions() against `bwa mem -v 4` (mem_align1_core's
# regions), read by read, on real NA12878 reads and on simulated reads (N bases, indels,
# reads shorter than a seed, all-N reads). The probe is a test-only executable.
if(TARGET helicase_align)
  find_package(ZLIB REQUIRED)
  add_executable(align_regions_probe ${CMAKE_CURRENT_SOURCE_DIR}/align_regions_probe.cpp)
  target_link_libraries(align_regions_probe PRIVATE helicase_align ZLIB::ZLIB)
  set_target_properties(align_regions_probe PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${BIN})
  helicase_cli_test(align_regions align_regions_test.sh ${HELICASE_TEST_CACHE} ${CMAKE_SOURCE_DIR})
  set_tests_properties(cli.align_regions PROPERTIES FIXTURES_REQUIRED reference_chr20 TIMEOUT 1800)
endif()
