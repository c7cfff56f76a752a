# pinsmock_embed_files(OUTPUT file.cpp BASE dir FILES f1 f2 ...)
# Generates a C++ table {relative path, contents} so the program carries its contracts, default
# fixtures and dashboard assets and runs from any directory. The generation runs at build time and reruns
# whenever one of the files changes.
set(PINSMOCK_EMBED_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/PinsmockEmbedScript.cmake)

function(pinsmock_embed_files)
  cmake_parse_arguments(ARG "" "OUTPUT;BASE" "FILES" ${ARGN})
  set(abs_files "")
  foreach(f IN LISTS ARG_FILES)
    list(APPEND abs_files ${ARG_BASE}/${f})
  endforeach()
  string(REPLACE ";" "|" files_arg "${ARG_FILES}")
  add_custom_command(
    OUTPUT ${ARG_OUTPUT}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${ARG_OUTPUT} -DBASE=${ARG_BASE} "-DFILES=${files_arg}"
            -P ${PINSMOCK_EMBED_SCRIPT}
    DEPENDS ${abs_files} ${PINSMOCK_EMBED_SCRIPT}
    COMMENT "Embedding contracts, default fixtures and dashboard assets"
    VERBATIM)
endfunction()
