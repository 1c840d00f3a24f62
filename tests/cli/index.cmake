# helicase-index end-to-end tests: against bwa index, samtools faidx and Picard run side by
# side, and the command line's errors, atomic outputs and loader checks.
helicase_cli_test(index_compat index_compat_test.sh ${HELICASE_TESTDATA})
helicase_cli_test(index_cli index_cli_test.sh)
