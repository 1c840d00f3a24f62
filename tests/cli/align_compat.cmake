# helicase-align against bwa mem -K 100000000 -Y (issue 4), judged by sam_compare
# (tests/cli/sam_compare.cmake): only where helicase-align is built. The simulated sets come from
# test-data/sim_chr20.sh and the bwa index from reference_fixture.sh --bwa-index, once per build.
if(TARGET helicase-align)
  if(NOT TEST fixture.reference_chr20_bwa)
    add_test(NAME fixture.reference_chr20_bwa
      COMMAND bash ${CMAKE_SOURCE_DIR}/test-data/reference_fixture.sh ${HELICASE_TEST_CACHE} --bwa-index)
    set_tests_properties(fixture.reference_chr20_bwa PROPERTIES FIXTURES_SETUP reference_chr20_bwa LABELS fixture)
  endif()
  foreach(preset align_a align_b)
    add_test(NAME fixture.sim_${preset}
      COMMAND bash ${CMAKE_SOURCE_DIR}/test-data/sim_chr20.sh ${HELICASE_TEST_CACHE}/b37_chr20.fa
        ${HELICASE_TEST_CACHE}/sim ${preset})
    set_tests_properties(fixture.sim_${preset} PROPERTIES FIXTURES_SETUP sim_${preset}
      FIXTURES_REQUIRED reference_chr20 LABELS fixture SKIP_RETURN_CODE 77)
  endforeach()
  foreach(set na12878 na12878_se sim_a sim_b)
    helicase_cli_test(align_compat_${set} align_compat_test.sh $<TARGET_FILE:helicase_sam_compare>
      ${HELICASE_TESTDATA} ${HELICASE_TEST_CACHE} ${set})
    set_tests_properties(cli.align_compat_${set} PROPERTIES FIXTURES_REQUIRED "reference_chr20;reference_chr20_bwa"
      TIMEOUT 3000)
  endforeach()
  set_tests_properties(cli.align_compat_sim_a PROPERTIES FIXTURES_REQUIRED "reference_chr20;reference_chr20_bwa;sim_align_a")
  set_tests_properties(cli.align_compat_sim_b PROPERTIES FIXTURES_REQUIRED "reference_chr20;reference_chr20_bwa;sim_align_b")
endif()
