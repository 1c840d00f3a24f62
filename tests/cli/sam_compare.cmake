# sam_compare: the record-by-record SAM/BAM comparator of the aligner compat tests (a test
# helper, built with the tests), and its own test on crafted SAM files.
add_executable(helicase_sam_compare ${SRC}/sam_compare.cpp)
target_link_libraries(helicase_sam_compare PRIVATE PkgConfig::HTSLIB)
helicase_cli_test(sam_compare sam_compare_test.sh $<TARGET_FILE:helicase_sam_compare>)
