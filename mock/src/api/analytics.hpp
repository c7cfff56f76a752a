#pragma once
// Pin analytics: the metric catalogue, deterministic daily values and the `pin_metrics` summary
// of get and list. Values are a pure function of (seed, pin id, date, metric, app type), except
// where analytics fixtures pin them; the rules of the analytics endpoints are in analytics_rules.

#include "api/services.hpp"
#include "store/id_source.hpp"
#include "store/pin_record.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace pinsmock {

/// The spec's metric types, in the order of its enum (responses list metrics in this order).
enum class Metric : std::size_t {
  Impression,
  OutboundClick,
  PinClick,
  Save,
  SaveRate,
  TotalComments,
  TotalReactions,
  UserFollow,
  ProfileVisit,
  VideoMrcView,
  Video10sView,
  Quartile95PercentView,
  VideoV50WatchTime,
  VideoStart,
  VideoAvgWatchTime,
};
inline constexpr std::size_t kMetricCount = 15;

/// The metric's API name ("IMPRESSION").
std::string_view metric_name(Metric metric);
/// The metric of an API name, or nullopt.
std::optional<Metric> parse_metric(std::string_view name);
/// TOTAL_COMMENTS and TOTAL_REACTIONS: reported in `lifetime_metrics` only.
bool is_lifetime(Metric metric);
/// SAVE_RATE and VIDEO_AVG_WATCH_TIME: quotients of two counts, never summed.
bool is_ratio(Metric metric);
/// The six VIDEO_* / QUARTILE_* metrics: zero for pins without video.
bool is_video(Metric metric);

/// The spec's app types; the splits (Mobile, Tablet, Web) add up to All.
enum class AppType : std::size_t { All, Mobile, Tablet, Web };
inline constexpr std::array<AppType, 3> kAppTypeSplits = {AppType::Mobile, AppType::Tablet,
                                                          AppType::Web};

/// "ALL", "MOBILE", "TABLET", "WEB".
std::string_view app_type_name(AppType app_type);
/// The app type of an API name, or nullopt.
std::optional<AppType> parse_app_type(std::string_view name);

/// Additive counts of every metric for one day (or summed over days). Ratio metrics have no
/// count of their own: value() derives them from their parts.
struct MetricCounts {
  std::array<std::uint64_t, kMetricCount> counts{};

  std::uint64_t& operator[](Metric m) { return counts[static_cast<std::size_t>(m)]; }
  std::uint64_t operator[](Metric m) const { return counts[static_cast<std::size_t>(m)]; }
  MetricCounts& operator+=(const MetricCounts& other);
  /// The reported value: the count, or SAVE / IMPRESSION and VIDEO_V50_WATCH_TIME / VIDEO_START
  /// (0 when the denominator is 0).
  double value(Metric metric) const;
};

/// What the generator needs to know about a pin.
struct PinProfile {
  std::string id;
  Date created;       // the date part of `created_at` (1970-01-01 when it has none)
  bool video = false; // media_type video, multiple_videos or multiple_mixed
};

/// The profile of a stored pin.
PinProfile pin_profile(const PinRecord& pin);

/// One pin's daily series: generated values with the fixture's pinned "ALL" values laid over
/// them. Cheap to build (one scan of the analytics fixtures); immutable afterwards.
class PinSeries {
public:
  PinSeries(const Services& services, PinProfile profile);

  const PinProfile& profile() const { return profile_; }
  /// The counts of one day for All and each split, indexed by AppType. All zero before the pin
  /// was created. Invariants: every split is at most its All value and the splits add up to
  /// All; impressions are at least pin clicks, outbound clicks, saves, follows, profile visits,
  /// comments, reactions and video starts; video counts are zero for pins without video unless
  /// a fixture pins them.
  std::array<MetricCounts, 4> day(const Date& date) const;
  /// The counts of one day for one app type.
  MetricCounts counts(const Date& date, AppType app_type) const;
  /// The counts summed over [first, last] (inclusive; empty when last < first).
  MetricCounts total(const Date& first, const Date& last, AppType app_type) const;
  /// The counts summed from creation through today (at most ten years back).
  MetricCounts lifetime(const Date& today, AppType app_type) const;

private:
  MetricCounts generate_all(const Date& date) const;

  PinProfile profile_;
  std::uint64_t pin_hash_;
  std::map<std::int64_t, std::map<std::string, double>> pinned_; // day number -> metric -> value
};

/// The value of one metric for one pin, date and app type (convenience over PinSeries): a
/// fixture's pinned value when there is one, otherwise generated; 0 before the pin existed.
double metric_value(const Services& services, const PinProfile& pin, const Date& date,
                    Metric metric, AppType app_type);

/// The `pin_metrics` object served with pin_metrics=true (app type ALL):
/// {"90d": {pin_click, impression, clickthrough, save}, "lifetime_metrics": {pin_click,
/// impression, clickthrough, save, reaction, comment}} where clickthrough = OUTBOUND_CLICK,
/// reaction = TOTAL_REACTIONS, comment = TOTAL_COMMENTS. "90d" sums the 90 dates up to and
/// including today; "lifetime_metrics" sums every date from creation through today.
/// Written straight as compact JSON, to be spliced into a stored Pin.
std::string pin_metrics_json(const PinRecord& pin, const Services& services);

} // namespace pinsmock
