# Cross-compiles for 64-bit Windows with Debian's mingw-w64 (the posix-threads
# variant, g++-mingw-w64-x86-64-posix, which has std::thread and std::mutex):
#   cmake -S . -B build-windows -G Ninja \
#     -DCMAKE_TOOLCHAIN_FILE=common/cmake/toolchain-mingw-w64.cmake \
#     -DCMAKE_PREFIX_PATH=DEPS -DCMAKE_FIND_ROOT_PATH=DEPS
# where DEPS holds the dependencies built for mingw (tests/windows/build_and_test.sh
# makes it). When Wine is installed, ctest runs the test executables under it.

set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(octolog_mingw_triplet x86_64-w64-mingw32)
set(CMAKE_C_COMPILER ${octolog_mingw_triplet}-gcc-posix)
set(CMAKE_CXX_COMPILER ${octolog_mingw_triplet}-g++-posix)
set(CMAKE_RC_COMPILER ${octolog_mingw_triplet}-windres)

# Headers, libraries and CMake packages come only from the mingw sysroot and
# from the roots given with -DCMAKE_FIND_ROOT_PATH, never from the host's /usr.
list(APPEND CMAKE_FIND_ROOT_PATH /usr/${octolog_mingw_triplet})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# libgcc, libstdc++ and winpthread linked in, so the executables need no DLL
# beyond Windows' own.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static")

find_program(OCTOLOG_WINE NAMES wine64 wine PATHS /usr/lib/wine NO_CMAKE_FIND_ROOT_PATH)
if(OCTOLOG_WINE)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${OCTOLOG_WINE})
endif()
