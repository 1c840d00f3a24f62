# helicase-bqsr and helicase-applybqsr end-to-end tests (GATK 4.6.2 expected outputs).
helicase_cli_test(applybqsr_gatk applybqsr_gatk_test.sh ${HELICASE_TESTDATA})
helicase_cli_test(bqsr_gatk bqsr_gatk_test.sh ${HELICASE_TESTDATA})
helicase_cli_test(bqsr_pipeline_chr20 bqsr_pipeline_test.sh ${HELICASE_TESTDATA} ${HELICASE_TEST_CACHE})
helicase_cli_test(bqsr_bad_input bqsr_bad_input_test.sh ${HELICASE_TESTDATA})
helicase_gpu_cli_test(bqsr_gpu gpu_bqsr_test.sh ${HELICASE_TESTDATA})
