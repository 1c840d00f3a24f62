# helicase-bqsr and helicase-applybqsr end-to-end tests (GATK 4.6.2 expected outputs).
helicase_cli_test(applybqsr_gatk applybqsr_gatk_test.sh ${HELICASE_TESTDATA})
