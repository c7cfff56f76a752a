#include "api/analytics.hpp"

#include <algorithm>
#include <cmath>
#include <initializer_list>

namespace pinsmock {
namespace {

// clang-format off
constexpr std::array<std::string_view, kMetricCount> kMetricNames = {
    "IMPRESSION", "OUTBOUND_CLICK", "PIN_CLICK", "SAVE", "SAVE_RATE",
    "TOTAL_COMMENTS", "TOTAL_REACTIONS", "USER_FOLLOW", "PROFILE_VISIT",
    "VIDEO_MRC_VIEW", "VIDEO_10S_VIEW", "QUARTILE_95_PERCENT_VIEW", "VIDEO_V50_WATCH_TIME",
    "VIDEO_START", "VIDEO_AVG_WATCH_TIME"};
// clang-format on
constexpr std::array<std::string_view, 4> kAppTypeNames = {"ALL", "MOBILE", "TABLET", "WEB"};

// Pinned fixture values are clamped so that the integer arithmetic below cannot overflow.
constexpr std::uint64_t kMaxPinned = 1000000000;
// "lifetime" never reaches further back than this, so a pin without created_at stays cheap.
constexpr std::int64_t kLifetimeDays = 3650;

// A fixed hash, never std::hash (implementation-defined): FNV-1a for text and the splitmix64
// finalizer for numbers, so values survive restarts, compilers and platforms.
std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t h = 14695981039346656037ull;
  for (const char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

std::uint64_t mix(std::uint64_t z) {
  z += 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// A uniform integer in [lo, hi], a pure function of (seed + pin, day, salt).
std::uint64_t draw(std::uint64_t pin_hash, std::int64_t day, std::string_view salt,
                   std::uint64_t lo, std::uint64_t hi) {
  const std::uint64_t h = mix(mix(pin_hash ^ static_cast<std::uint64_t>(day)) ^ fnv1a(salt));
  return lo + h % (hi - lo + 1);
}

std::uint64_t per_million(std::uint64_t base, std::uint64_t ppm) { return base * ppm / 1000000; }

using Parts = std::array<std::uint64_t, 3>; // Mobile, Tablet, Web

// Splits `total` in proportion to `weights`, each part at most its cap when caps are given. The
// rounding remainder goes to Mobile, then Web, then Tablet, as far as their caps allow; the parts
// always add up to `total` (an impossible cap, from inconsistent fixtures, yields to the sum).
Parts split(std::uint64_t total, const Parts& weights, const Parts* caps) {
  std::uint64_t weight_sum = weights[0] + weights[1] + weights[2];
  const Parts fallback = {1, 0, 0};
  const Parts& w = weight_sum == 0 ? fallback : weights;
  weight_sum = weight_sum == 0 ? 1 : weight_sum;
  Parts parts{};
  std::uint64_t assigned = 0;
  for (std::size_t k = 0; k < 3; ++k) {
    parts[k] = total * w[k] / weight_sum;
    if (caps)
      parts[k] = std::min(parts[k], (*caps)[k]);
    assigned += parts[k];
  }
  std::uint64_t rest = total - assigned;
  for (const std::size_t k : {std::size_t{0}, std::size_t{2}, std::size_t{1}}) {
    const std::uint64_t room = caps ? (*caps)[k] - parts[k] : rest;
    const std::uint64_t add = std::min(rest, room);
    parts[k] += add;
    rest -= add;
  }
  parts[0] += rest;
  return parts;
}

std::uint64_t to_count(double value) {
  if (!(value > 0))
    return 0;
  return std::min(kMaxPinned, static_cast<std::uint64_t>(std::llround(value)));
}

} // namespace

std::string_view metric_name(Metric metric) {
  return kMetricNames[static_cast<std::size_t>(metric)];
}

std::optional<Metric> parse_metric(std::string_view name) {
  for (std::size_t i = 0; i < kMetricCount; ++i)
    if (kMetricNames[i] == name)
      return static_cast<Metric>(i);
  return std::nullopt;
}

bool is_lifetime(Metric metric) {
  return metric == Metric::TotalComments || metric == Metric::TotalReactions;
}

bool is_ratio(Metric metric) {
  return metric == Metric::SaveRate || metric == Metric::VideoAvgWatchTime;
}

bool is_video(Metric metric) {
  return metric >= Metric::VideoMrcView && metric <= Metric::VideoAvgWatchTime;
}

std::string_view app_type_name(AppType app_type) {
  return kAppTypeNames[static_cast<std::size_t>(app_type)];
}

std::optional<AppType> parse_app_type(std::string_view name) {
  for (std::size_t i = 0; i < kAppTypeNames.size(); ++i)
    if (kAppTypeNames[i] == name)
      return static_cast<AppType>(i);
  return std::nullopt;
}

MetricCounts& MetricCounts::operator+=(const MetricCounts& other) {
  for (std::size_t i = 0; i < kMetricCount; ++i)
    counts[i] += other.counts[i];
  return *this;
}

double MetricCounts::value(Metric metric) const {
  auto quotient = [](std::uint64_t a, std::uint64_t b) {
    return b == 0 ? 0.0 : static_cast<double>(a) / static_cast<double>(b);
  };
  if (metric == Metric::SaveRate)
    return quotient((*this)[Metric::Save], (*this)[Metric::Impression]);
  if (metric == Metric::VideoAvgWatchTime)
    return quotient((*this)[Metric::VideoV50WatchTime], (*this)[Metric::VideoStart]);
  return static_cast<double>((*this)[metric]);
}

PinProfile pin_profile(const PinRecord& pin) {
  PinProfile profile;
  profile.id = pin.id;
  profile.created = pin.created;
  profile.video = pin.video;
  return profile;
}

PinSeries::PinSeries(const Services& services, PinProfile profile)
    : profile_(std::move(profile)), pin_hash_(mix(services.seed ^ fnv1a(profile_.id))) {
  // Only "ALL" rows are pinned: the splits are derived from them (fixtures/README.md).
  for (const AnalyticsPoint& point : services.fixtures.analytics) {
    if (point.pin_id != profile_.id || point.app_type != "ALL")
      continue;
    if (auto date = Date::parse(point.date)) {
      auto& row = pinned_[date->days_since_epoch()];
      for (const auto& [name, value] : point.metrics)
        row[name] = value;
    }
  }
}

MetricCounts PinSeries::generate_all(const Date& date) const {
  MetricCounts c;
  if (date < profile_.created)
    return c;
  const std::int64_t day = date.days_since_epoch();
  const auto row = pinned_.find(day);
  auto pinned = [&](Metric m) -> std::optional<std::uint64_t> {
    if (row == pinned_.end())
      return std::nullopt;
    auto it = row->second.find(std::string(metric_name(m)));
    if (it == row->second.end())
      return std::nullopt;
    return to_count(it->second);
  };
  // At least every pinned value of `metrics`, so that pinned parts never exceed their whole.
  auto floor_of = [&](std::uint64_t value, std::initializer_list<Metric> metrics) {
    for (const Metric m : metrics)
      value = std::max(value, pinned(m).value_or(0));
    return value;
  };
  auto derive = [&](Metric m, std::uint64_t base, std::uint64_t lo_ppm, std::uint64_t hi_ppm) {
    c[m] =
        pinned(m).value_or(per_million(base, draw(pin_hash_, day, metric_name(m), lo_ppm, hi_ppm)));
  };

  // A pin's level, boosted in its first 30 days and then settled, with day-to-day noise.
  const std::uint64_t level = draw(pin_hash_, 0, "level", 200, 3000);
  const std::int64_t age = day - profile_.created.days_since_epoch();
  const std::uint64_t boost =
      1000000 + static_cast<std::uint64_t>(std::max<std::int64_t>(0, 30 - age)) * 1000000 / 30;
  const std::uint64_t noise = draw(pin_hash_, day, "noise", 700000, 1300000);
  const std::uint64_t impressions = per_million(per_million(level, boost), noise);
  c[Metric::Impression] =
      pinned(Metric::Impression)
          .value_or(floor_of(impressions,
                             {Metric::PinClick, Metric::OutboundClick, Metric::Save,
                              Metric::UserFollow, Metric::ProfileVisit, Metric::TotalComments,
                              Metric::TotalReactions, Metric::VideoStart}));
  const std::uint64_t imp = c[Metric::Impression];
  derive(Metric::PinClick, imp, 10000, 50000);
  derive(Metric::OutboundClick, imp, 2000, 15000);
  derive(Metric::Save, imp, 2000, 12000);
  derive(Metric::UserFollow, imp, 0, 2000);
  derive(Metric::ProfileVisit, imp, 1000, 10000);
  derive(Metric::TotalComments, imp, 0, 1500);
  derive(Metric::TotalReactions, imp, 0, 4000);
  if (profile_.video) {
    c[Metric::VideoStart] =
        floor_of(per_million(imp, draw(pin_hash_, day, "VIDEO_START", 200000, 500000)),
                 {Metric::VideoMrcView, Metric::Video10sView, Metric::Quartile95PercentView});
    c[Metric::VideoStart] = pinned(Metric::VideoStart).value_or(c[Metric::VideoStart]);
    derive(Metric::VideoMrcView, c[Metric::VideoStart], 500000, 900000);
    derive(Metric::Video10sView, c[Metric::VideoMrcView], 300000, 700000);
    derive(Metric::Quartile95PercentView, c[Metric::Video10sView], 200000, 600000);
    // Total play time in milliseconds: 1.5 to 9 s per start.
    c[Metric::VideoV50WatchTime] =
        pinned(Metric::VideoV50WatchTime)
            .value_or(c[Metric::VideoStart] *
                      draw(pin_hash_, day, "VIDEO_V50_WATCH_TIME", 1500, 9000));
  } else {
    for (const Metric m : {Metric::VideoStart, Metric::VideoMrcView, Metric::Video10sView,
                           Metric::Quartile95PercentView, Metric::VideoV50WatchTime})
      c[m] = pinned(m).value_or(0);
  }
  return c;
}

std::array<MetricCounts, 4> PinSeries::day(const Date& date) const {
  std::array<MetricCounts, 4> out;
  const MetricCounts all = generate_all(date);
  out[0] = all;
  const std::int64_t day_number = date.days_since_epoch();
  const std::uint64_t mobile = draw(pin_hash_, day_number, "split/MOBILE", 5500, 7500);
  const std::uint64_t tablet = draw(pin_hash_, day_number, "split/TABLET", 500, 1500);
  const Parts weights = {mobile, tablet, 10000 - mobile - tablet};

  std::array<Parts, kMetricCount> parts{};
  auto part = [&](Metric m) -> Parts& { return parts[static_cast<std::size_t>(m)]; };
  part(Metric::Impression) = split(all[Metric::Impression], weights, nullptr);
  for (const Metric m :
       {Metric::PinClick, Metric::OutboundClick, Metric::Save, Metric::UserFollow,
        Metric::ProfileVisit, Metric::TotalComments, Metric::TotalReactions, Metric::VideoStart})
    part(m) = split(all[m], weights, &part(Metric::Impression));
  part(Metric::VideoMrcView) = split(all[Metric::VideoMrcView], weights, &part(Metric::VideoStart));
  part(Metric::Video10sView) =
      split(all[Metric::Video10sView], weights, &part(Metric::VideoMrcView));
  part(Metric::Quartile95PercentView) =
      split(all[Metric::Quartile95PercentView], weights, &part(Metric::Video10sView));
  // Play time follows the starts, so each app type's average watch time stays plausible.
  const std::uint64_t starts = all[Metric::VideoStart];
  Parts time_weights = weights;
  if (starts > 0)
    for (std::size_t k = 0; k < 3; ++k)
      time_weights[k] = part(Metric::VideoStart)[k] * 10000 / starts;
  part(Metric::VideoV50WatchTime) = split(all[Metric::VideoV50WatchTime], time_weights, nullptr);

  for (std::size_t m = 0; m < kMetricCount; ++m)
    for (std::size_t k = 0; k < 3; ++k)
      out[k + 1].counts[m] = parts[m][k];
  return out;
}

MetricCounts PinSeries::counts(const Date& date, AppType app_type) const {
  if (app_type == AppType::All)
    return generate_all(date); // the splits are not needed
  return day(date)[static_cast<std::size_t>(app_type)];
}

MetricCounts PinSeries::total(const Date& first, const Date& last, AppType app_type) const {
  MetricCounts sum;
  const Date& from = profile_.created < first ? first : profile_.created;
  for (std::int64_t d = from.days_since_epoch(); d <= last.days_since_epoch(); ++d)
    sum += counts(Date::from_days_since_epoch(d), app_type);
  return sum;
}

MetricCounts PinSeries::lifetime(const Date& today, AppType app_type) const {
  return total(today.plus_days(-kLifetimeDays), today, app_type);
}

double metric_value(const Services& services, const PinProfile& pin, const Date& date,
                    Metric metric, AppType app_type) {
  return PinSeries(services, pin).counts(date, app_type).value(metric);
}

std::string pin_metrics_json(const PinRecord& pin, const Services& services) {
  const PinSeries series(services, pin_profile(pin));
  const Date today = services.clock.today();
  const MetricCounts last_90 = series.total(today.plus_days(-89), today, AppType::All);
  const MetricCounts lifetime = series.lifetime(today, AppType::All);

  std::string out;
  json::Writer w(out);
  auto common = [&](const MetricCounts& c) {
    w.Key("pin_click");
    w.Uint64(c[Metric::PinClick]);
    w.Key("impression");
    w.Uint64(c[Metric::Impression]);
    w.Key("clickthrough");
    w.Uint64(c[Metric::OutboundClick]);
    w.Key("save");
    w.Uint64(c[Metric::Save]);
  };
  w.StartObject();
  w.Key("90d");
  w.StartObject();
  common(last_90);
  w.EndObject();
  w.Key("lifetime_metrics");
  w.StartObject();
  common(lifetime);
  w.Key("reaction");
  w.Uint64(lifetime[Metric::TotalReactions]);
  w.Key("comment");
  w.Uint64(lifetime[Metric::TotalComments]);
  w.EndObject();
  w.EndObject();
  return out;
}

} // namespace pinsmock
