# What `cmake --install` puts where, and the Debian package CPack makes of it (scripts/package).
# Included at the end of the top-level CMakeLists.txt; the binaries' own install() rules are in
# indexer/ and searcher/.

install(FILES man/newsindex.1 man/newsearch.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
# The lists built into the binaries, as files to copy and edit (--aliases, --synonyms).
install(FILES data/aliases.txt data/synonyms.txt DESTINATION ${CMAKE_INSTALL_DATADIR}/newsearch)
install(FILES completion/newsindex completion/newsearch
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
# Examples, not /etc files: removing the package must leave nothing behind, and a conffile
# would stay until a purge.
install(FILES packaging/config.example DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples RENAME config)
install(FILES packaging/newsearch.cron DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)

# The services name the installed binaries, so they are written at install time: a
# `cmake --install --prefix DIR` gets units that run DIR/bin/newsindex. Each destination gets
# its own staging folder, so two installs at once (a test and CPack) cannot mix them up.
install(CODE "
  string(MD5 tag \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}\")
  set(staged \"${PROJECT_BINARY_DIR}/systemd/\${tag}\")
  set(NEWSEARCH_BINDIR \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}\")
  foreach(unit newsearch-index.service newsearch-serve.service)
    configure_file(\"${PROJECT_SOURCE_DIR}/packaging/\${unit}.in\" \"\${staged}/\${unit}\" @ONLY)
  endforeach()
  file(INSTALL DESTINATION \"\${CMAKE_INSTALL_PREFIX}/lib/systemd/system\" TYPE FILE
       FILES \"\${staged}/newsearch-index.service\" \"\${staged}/newsearch-serve.service\"
             \"${PROJECT_SOURCE_DIR}/packaging/newsearch-index.timer\")")

# cpack packs what is built and never builds: otherwise its "preinstall" step relinks the
# binaries, under the feet of tests that run them (tests/test_install.cpp runs cpack).
# scripts/package builds first.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY TRUE)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME newsearch)
set(CPACK_PACKAGE_VENDOR newsearch)
set(CPACK_PACKAGE_CONTACT "newsearch maintainers <newsearch@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "full-text search for news archives, on Xapian")
set(CPACK_PACKAGE_DESCRIPTION
    "newsindex turns folders of news articles (text and JSON Lines) into a Xapian database,
incrementally and safe to interrupt; newsearch answers ranked boolean and phrase queries in
a terminal, as JSON and behind a search page. Includes systemd units for a nightly index
and the search service.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION text)
# Depends: computed by dpkg-shlibdeps from the libraries the binaries actually link.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# ...plus libedit, which the interactive prompt loads only when it opens (line_editor.cpp).
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libedit2")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "xapian-tools, bash-completion")
# No postrm on purpose: with one, dpkg -r would leave the package in the config-files state
# until a purge. prerm stops and disables the units, which is all a removal needs.
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/packaging/debian/postinst
    ${PROJECT_SOURCE_DIR}/packaging/debian/prerm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
