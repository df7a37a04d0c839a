#include "report.hpp"

#include "json_output.hpp"
#include "text_output.hpp"

#include "octolog/clock.hpp"
#include "octolog/date_parse.hpp"
#include "octolog/error.hpp"
#include "octolog/query.hpp"
#include "octolog/store.hpp"

#include <SQLiteCpp/Transaction.h>

namespace octolog::report {
namespace {

struct RowSetSpec {
  std::string name;
  std::vector<std::string> members;
};

std::string join(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) {
    text += text.empty() ? "" : ", ";
    text += name;
  }
  return text;
}

// Each requested name as an interface, or else as interfaces joined by '+'.
std::vector<RowSetSpec> resolve(const TrafficQuery& query, const std::vector<std::string>& wanted) {
  std::vector<RowSetSpec> specs;
  if (wanted.empty()) {
    for (const std::string& name : query.interfaces()) {
      specs.push_back({name, {name}});
    }
    return specs;
  }
  for (const std::string& name : wanted) {
    RowSetSpec spec{name, {}};
    if (query.has_interface(name)) {
      spec.members.push_back(name);
    } else {
      for (std::size_t from = 0; from <= name.size();) {
        const std::size_t plus = std::min(name.find('+', from), name.size());
        spec.members.push_back(name.substr(from, plus - from));
        from = plus + 1;
      }
    }
    for (const std::string& member : spec.members) {
      if (!query.has_interface(member)) {
        const std::vector<std::string> known = query.interfaces();
        throw Error("unknown interface '" + member +
                    "'; recorded: " + (known.empty() ? std::string("none yet") : join(known)));
      }
    }
    specs.push_back(std::move(spec));
  }
  return specs;
}

} // namespace

std::string run(const Options& options) {
  const TimeZone zone = options.utc ? TimeZone::utc() : TimeZone::local();
  const std::int64_t clock_ms = floor_div(now_unix_ms(), 1000) * 1000;
  ReportRequest request;
  request.view = options.view;
  request.top = options.top;
  request.limit = options.limit;
  request.now_ms = options.now ? parse_time_point(*options.now, zone, clock_ms) : clock_ms;
  if (options.begin) {
    request.begin_ms = parse_time_point(*options.begin, zone, request.now_ms);
  }
  if (options.end) {
    request.end_ms = parse_time_point(*options.end, zone, request.now_ms);
  }
  if (request.begin_ms && request.end_ms && *request.begin_ms >= *request.end_ms) {
    throw UsageError("--begin " + *options.begin + " is not before --end " + *options.end);
  }

  Store store(options.db, Store::Access::read_only);
  // Every read of the report in one snapshot: a flush that commits meanwhile
  // is seen by all of them or by none (a day and its hours, a month's top
  // and its days, agree).
  const SQLite::Transaction snapshot(store.database(), SQLite::TransactionBehavior::DEFERRED);
  const TrafficQuery query(store);
  const std::vector<RowSetSpec> specs = resolve(query, options.interfaces);
  std::size_t series = 0;
  for (const RowSetSpec& spec : specs) {
    series += spec.members.size();
  }
  store.map_for_reading(series > 1);
  std::vector<RowSetReport> reports;
  for (const RowSetSpec& spec : specs) {
    const auto day = options.month_start_of.find(spec.name);
    const Calendar calendar(zone, day != options.month_start_of.end() ? day->second
                                                                      : options.month_start);
    reports.push_back(build_row_set(query, spec.name, spec.members, request, calendar));
  }

  if (options.json || options.csv) {
    const nlohmann::ordered_json document = report_json(reports, zone, request.now_ms);
    return options.json ? document.dump(2) + '\n' : report_csv(document);
  }
  TextStyle style;
  style.bytes = options.si ? ByteUnits::si : ByteUnits::iec;
  style.rates = !options.bytes_rate ? RateUnits::bits_si
                : options.si        ? RateUnits::bytes_si
                                    : RateUnits::bytes_iec;
  return report_text(reports, zone, style);
}

} // namespace octolog::report
