#include "support/scripted_upstream.hpp"

#include <httplib.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace pinsmock::test {
namespace {

void write_pem(const std::string& path, const std::function<int(BIO*)>& write) {
  BIO* bio = BIO_new_file(path.c_str(), "w");
  if (!bio || write(bio) != 1) {
    BIO_free(bio);
    throw std::runtime_error("cannot write " + path);
  }
  BIO_free(bio);
}

} // namespace

ThrowawayCertificate make_throwaway_certificate(const std::string& dir) {
  EVP_PKEY* key = EVP_RSA_gen(2048);
  X509* cert = X509_new();
  if (!key || !cert)
    throw std::runtime_error("OpenSSL: cannot make a key and certificate");
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert), -60);
  X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
  X509_set_pubkey(cert, key);
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1, 0);
  X509_set_issuer_name(cert, name);
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  for (auto [nid, value] : {std::pair{NID_subject_alt_name, "IP:127.0.0.1"},
                            std::pair{NID_basic_constraints, "critical,CA:TRUE"}}) {
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
  }
  X509_sign(cert, key, EVP_sha256());
  ThrowawayCertificate files{dir + "/upstream-cert.pem", dir + "/upstream-key.pem"};
  write_pem(files.cert_file, [&](BIO* bio) { return PEM_write_bio_X509(bio, cert); });
  write_pem(files.key_file, [&](BIO* bio) {
    return PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
  });
  X509_free(cert);
  EVP_PKEY_free(key);
  return files;
}

struct ScriptedUpstream::Impl {
  CannedAnswer answer;
  std::unique_ptr<httplib::Server> server;
  std::thread thread;
  int port = 0;
  bool tls = false;
  mutable std::mutex mutex;
  std::vector<std::string> authorizations;
  std::vector<std::string> targets;
};

ScriptedUpstream::ScriptedUpstream(CannedAnswer answer, const ThrowawayCertificate* tls)
    : impl_(std::make_unique<Impl>()) {
  Impl& impl = *impl_;
  impl.answer = std::move(answer);
  impl.tls = tls != nullptr;
  if (tls)
    impl.server = std::make_unique<httplib::SSLServer>(tls->cert_file.c_str(), tls->key_file.c_str());
  else
    impl.server = std::make_unique<httplib::Server>();
  if (!impl.server->is_valid())
    throw std::runtime_error("scripted upstream: the server cannot start (certificate?)");
  auto respond = [&impl](const httplib::Request& req, httplib::Response& res) {
    {
      std::lock_guard lock(impl.mutex);
      impl.authorizations.push_back(req.get_header_value("Authorization"));
      impl.targets.push_back(req.target);
    }
    if (impl.answer.delay.count() > 0)
      std::this_thread::sleep_for(impl.answer.delay);
    res.status = impl.answer.status;
    for (const auto& [name, value] : impl.answer.headers)
      res.set_header(name, value);
    if (!impl.answer.body.empty())
      res.set_content(impl.answer.body, impl.answer.content_type);
  };
  const std::string any = "/.*";
  impl.server->Get(any, respond);
  impl.server->Post(any, respond);
  impl.server->Patch(any, respond);
  impl.server->Delete(any, respond);
  impl.port = impl.server->bind_to_any_port("127.0.0.1");
  if (impl.port <= 0)
    throw std::runtime_error("scripted upstream: cannot bind");
  impl.thread = std::thread([&impl] { impl.server->listen_after_bind(); });
  while (!impl.server->is_running())
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

ScriptedUpstream::~ScriptedUpstream() {
  impl_->server->stop();
  impl_->thread.join();
}

std::string ScriptedUpstream::base_url() const {
  return std::string(impl_->tls ? "https" : "http") + "://127.0.0.1:" +
         std::to_string(impl_->port) + "/v5";
}

std::vector<std::string> ScriptedUpstream::authorizations() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->authorizations;
}

std::vector<std::string> ScriptedUpstream::targets() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->targets;
}

} // namespace pinsmock::test
