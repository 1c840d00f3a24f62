# helicase-fastq end-to-end tests.
helicase_cli_test(basic basic_test.sh)
helicase_cli_test(na12878_counts na12878_counts_test.sh ${HELICASE_TESTDATA})
helicase_cli_test(ubam_vs_picard ubam_vs_picard_test.sh ${HELICASE_TESTDATA})
helicase_cli_test(determinism determinism_test.sh ${HELICASE_TESTDATA})
helicase_gpu_cli_test(fastq_cli gpu_fastq_test.sh ${HELICASE_TESTDATA})
helicase_cli_test(bad_input bad_input_test.sh ${HELICASE_TEST_CACHE}/bad_fastq)
helicase_cli_test(demo_data demo_data_test.sh ${HELICASE_TEST_CACHE}/demo)
