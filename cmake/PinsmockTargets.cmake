# pinsmock_configure_target(tgt): the language level and warnings every target of ours gets.
function(pinsmock_configure_target tgt)
  target_compile_features(${tgt} PUBLIC cxx_std_17)
  set_target_properties(${tgt} PROPERTIES CXX_EXTENSIONS OFF)
  target_compile_options(${tgt} PRIVATE -Wall -Wextra -Wpedantic -Wshadow)
  if(PINSMOCK_WERROR)
    target_compile_options(${tgt} PRIVATE -Werror)
  endif()
  if(PINSMOCK_SANITIZE)
    target_compile_options(${tgt} PRIVATE -fsanitize=${PINSMOCK_SANITIZE} -fno-omit-frame-pointer)
    target_link_options(${tgt} PRIVATE -fsanitize=${PINSMOCK_SANITIZE})
    if(PINSMOCK_SANITIZE MATCHES "undefined")
      # Undefined behaviour stops the test (or the fuzzer) instead of printing and going on.
      # pointer-overflow stays recoverable only so .ci/ubsan.supp can name RapidJSON 1.1.0's known
      # report; UBSAN_OPTIONS=halt_on_error=1 (./dev) still stops on any other.
      target_compile_options(${tgt} PRIVATE -fno-sanitize-recover=undefined
                                            -fsanitize-recover=pointer-overflow)
    endif()
  endif()
  if(PINSMOCK_FUZZ)
    # libFuzzer's coverage feedback for everything the fuzz targets reach.
    target_compile_options(${tgt} PRIVATE -fsanitize=fuzzer-no-link)
  endif()
endfunction()
