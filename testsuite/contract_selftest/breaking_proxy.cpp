#include "breaking_proxy.hpp"

#include "pinsmock/json.hpp"

#include <httplib.h>

#include <thread>

namespace pinsmock::test {

struct BreakingProxy::Impl {
  std::string upstream;
  Breaks breaks;
  httplib::Server server;
  std::thread thread;
  int port = 0;

  void forward(const httplib::Request& req, httplib::Response& res) {
    httplib::Client client(upstream);
    httplib::Request out;
    out.method = req.method;
    out.path = req.target;
    out.headers = req.headers;
    out.headers.erase("Host");
    out.headers.erase("Accept-Encoding");
    out.body = req.body;
    auto answer = client.send(out);
    if (!answer) {
      res.status = 502;
      return;
    }
    std::string body = answer->body;
    int status = answer->status;
    if (req.path.rfind("/__admin", 0) != 0)
      status = apply_breaks(req, status, body);
    res.status = status;
    if (!body.empty())
      res.set_content(body, "application/json");
  }

  int apply_breaks(const httplib::Request& req, int status, std::string& body) const {
    json::Document doc;
    const bool is_json = !body.empty() && !json::parse_into(doc, body) && doc.IsObject();
    auto& a = doc.GetAllocator();
    if (breaks.integer_ids && req.method == "POST" && req.path == "/v5/pins" && status == 201 &&
        is_json) {
      const std::string id(json::get_string(doc, "id").value_or("0"));
      json::set(doc, "id", json::Value(static_cast<std::uint64_t>(std::stoull(id))), a);
      body = json::dump(doc);
    }
    if (breaks.skip_first_item_of_later_pages && req.method == "GET" &&
        (req.path == "/v5/pins" || req.path == "/v5/pins/") && req.has_param("bookmark") &&
        status == 200 && is_json) {
      json::Value* items = json::find(doc, "items");
      if (items && items->IsArray() && !items->Empty())
        items->Erase(items->Begin());
      body = json::dump(doc);
    }
    if (breaks.ok_on_delete && req.method == "DELETE" && status == 204) {
      body = "{}";
      return 200;
    }
    if (breaks.drop_error_code && status == 404 && is_json) {
      json::erase(doc, "code");
      body = json::dump(doc);
    }
    return status;
  }
};

BreakingProxy::BreakingProxy(std::string upstream_origin, Breaks breaks)
    : impl_(std::make_unique<Impl>()) {
  impl_->upstream = std::move(upstream_origin);
  impl_->breaks = breaks;
  auto handler = [this](const httplib::Request& req, httplib::Response& res) {
    impl_->forward(req, res);
  };
  impl_->server.Get(".*", handler);
  impl_->server.Post(".*", handler);
  impl_->server.Patch(".*", handler);
  impl_->server.Delete(".*", handler);
  impl_->server.set_tcp_nodelay(true);
  impl_->port = impl_->server.bind_to_any_port("127.0.0.1");
  impl_->thread = std::thread([this] { impl_->server.listen_after_bind(); });
  while (!impl_->server.is_running())
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

BreakingProxy::~BreakingProxy() {
  impl_->server.stop();
  impl_->thread.join();
}

std::string BreakingProxy::base_url() const {
  return "http://127.0.0.1:" + std::to_string(impl_->port) + "/v5";
}

} // namespace pinsmock::test
