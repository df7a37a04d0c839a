# spdlog for the mingw cross build, used header-only: Debian ships spdlog as a
# shared library for the host only, but its headers work alone with
# SPDLOG_HEADER_ONLY, and with FMT_HEADER_ONLY over libfmt-dev's headers.
# build_and_test.sh copies both header trees to <prefix>/include and this file
# to <prefix>/lib/cmake/spdlog/.
get_filename_component(_octolog_spdlog_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
if(NOT TARGET spdlog::spdlog)
  add_library(spdlog::spdlog INTERFACE IMPORTED)
  set_target_properties(spdlog::spdlog PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${_octolog_spdlog_prefix}/include"
    INTERFACE_COMPILE_DEFINITIONS "SPDLOG_HEADER_ONLY;SPDLOG_FMT_EXTERNAL;FMT_HEADER_ONLY")
endif()
unset(_octolog_spdlog_prefix)
set(spdlog_FOUND TRUE)
