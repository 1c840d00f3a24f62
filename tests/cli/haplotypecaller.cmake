# helicase-haplotypecaller end-to-end tests (the heavy truth/compat comparisons are hc_compat*).
helicase_cli_test(hc_cli hc_cli_test.sh ${HELICASE_TESTDATA})
helicase_cli_test(hc_gatk hc_gatk_test.sh ${HELICASE_TESTDATA} ${HELICASE_TEST_CACHE})
set_tests_properties(cli.hc_gatk PROPERTIES FIXTURES_REQUIRED reference_chr20)
