# helicase-align end-to-end tests (only once the tool is built: it needs the seeding half).
# align_compat* (the thorough comparison with bwa) belong to the compatibility suite.
if(TARGET helicase-align)
  helicase_cli_test(align_cli align_cli_test.sh)
  helicase_cli_test(align_na12878_bwa align_na12878_bwa_test.sh ${HELICASE_TESTDATA} ${HELICASE_TEST_CACHE})
  set_tests_properties(cli.align_na12878_bwa PROPERTIES FIXTURES_REQUIRED reference_chr20 TIMEOUT 1800)
endif()
