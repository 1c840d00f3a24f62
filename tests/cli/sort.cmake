# helicase-sort end-to-end tests (samtools 1.16 is the peer, run in the tests).
helicase_cli_test(sort_basic sort_basic_test.sh ${HELICASE_TESTDATA})
helicase_cli_test(sort_vs_samtools sort_vs_samtools_test.sh ${HELICASE_TESTDATA})
helicase_cli_test(sort_na12878_bwa sort_na12878_bwa_test.sh ${HELICASE_TESTDATA} ${HELICASE_TEST_CACHE})
helicase_gpu_cli_test(sort_gpu gpu_sort_test.sh ${HELICASE_TESTDATA})
