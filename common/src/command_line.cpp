#include "octolog/command_line.hpp"

namespace octolog {

EarlyExit usage_error(std::string_view program, std::string_view message) {
  return {2, std::string(program) + ": " + std::string(message) + " (see --help)\n"};
}

std::optional<EarlyExit> parse_command_line(CLI::App& app, std::string_view program, int argc,
                                            const char* const* argv) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    return EarlyExit{0, app.help()};
  } catch (const CLI::CallForAllHelp&) {
    return EarlyExit{0, app.help("", CLI::AppFormatMode::All)};
  } catch (const CLI::CallForVersion& e) {
    return EarlyExit{0, std::string(e.what()) + '\n'};
  } catch (const CLI::ParseError& e) {
    return usage_error(program, e.what());
  }
  return std::nullopt;
}

} // namespace octolog
