# helicase-markdup end-to-end tests (Picard MarkDuplicates 2.27.5 is the oracle where installed).
add_executable(helicase_markdup_probe ${SRC}/markdup_probe.cpp)
target_link_libraries(helicase_markdup_probe PRIVATE helicase_markdup)

# The simulated BAM with injected PCR and optical duplicates, made once per build.
add_test(NAME fixture.markdup_sim
  COMMAND bash ${CMAKE_SOURCE_DIR}/test-data/markdup_sim.sh ${HELICASE_TEST_CACHE}/markdup_sim)
set_tests_properties(fixture.markdup_sim PROPERTIES FIXTURES_SETUP markdup_sim LABELS fixture SKIP_RETURN_CODE 77)

helicase_cli_test(markdup_expected markdup_table_test.sh ${HELICASE_TESTDATA} expected)
helicase_cli_test(markdup_cases_vs_picard markdup_table_test.sh ${HELICASE_TESTDATA} picard)
helicase_cli_test(markdup_vs_picard markdup_vs_picard_test.sh ${HELICASE_TESTDATA} ${HELICASE_TEST_CACHE}/markdup_sim)
set_tests_properties(cli.markdup_vs_picard PROPERTIES FIXTURES_REQUIRED markdup_sim)
helicase_cli_test(markdup_errors markdup_errors_test.sh ${HELICASE_TESTDATA})
helicase_cli_test(markdup_oracle markdup_oracle_test.sh $<TARGET_FILE:helicase_markdup_probe>)
helicase_cli_test(markdup_determinism markdup_determinism_test.sh ${HELICASE_TEST_CACHE}/markdup_sim)
set_tests_properties(cli.markdup_determinism PROPERTIES FIXTURES_REQUIRED markdup_sim)
helicase_gpu_cli_test(markdup_cli gpu_markdup_test.sh ${HELICASE_TEST_CACHE}/markdup_sim)
set_tests_properties(gpu.markdup_cli PROPERTIES FIXTURES_REQUIRED markdup_sim)
