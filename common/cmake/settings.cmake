# Project-wide compile settings, carried by INTERFACE targets so that every
# target states what it takes instead of inheriting directory variables.

add_library(octolog_settings INTERFACE)
add_library(octolog::settings ALIAS octolog_settings)
target_compile_features(octolog_settings INTERFACE cxx_std_20)
target_compile_definitions(octolog_settings INTERFACE
  OCTOLOG_VERSION="${PROJECT_VERSION}")

add_library(octolog_warnings INTERFACE)
add_library(octolog::warnings ALIAS octolog_warnings)
if(MSVC)
  target_compile_options(octolog_warnings INTERFACE /W4)
else()
  target_compile_options(octolog_warnings INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wconversion
    -Wno-sign-conversion)
  if(OCTOLOG_WERROR)
    target_compile_options(octolog_warnings INTERFACE -Werror)
  endif()
endif()

set(octolog_sanitizers "")
if(OCTOLOG_ENABLE_ASAN)
  list(APPEND octolog_sanitizers address)
endif()
if(OCTOLOG_ENABLE_UBSAN)
  list(APPEND octolog_sanitizers undefined)
endif()
if(octolog_sanitizers)
  list(JOIN octolog_sanitizers "," octolog_sanitizer_list)
  target_compile_options(octolog_settings INTERFACE
    -fsanitize=${octolog_sanitizer_list} -fno-omit-frame-pointer
    -fno-sanitize-recover=all)
  target_link_options(octolog_settings INTERFACE
    -fsanitize=${octolog_sanitizer_list})
  # GCC's -Wmaybe-uninitialized gives false positives in sanitized code (the
  # instrumentation defeats its analysis; GCC's manual says as much), e.g. in
  # libstdc++'s std::regex; the plain build keeps the warning.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(octolog_warnings INTERFACE -Wno-maybe-uninitialized)
  endif()
endif()

# Fuzzer builds instrument every target for coverage; only the fuzz targets
# link the libFuzzer runtime (tests/fuzz).
if(OCTOLOG_BUILD_FUZZERS)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "OCTOLOG_BUILD_FUZZERS needs clang (CXX=clang++)")
  endif()
  target_compile_options(octolog_settings INTERFACE -fsanitize=fuzzer-no-link)
endif()
