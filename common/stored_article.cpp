#include "common/stored_article.hpp"

#include <zstd.h>

#include <cstdint>
#include <memory>

#include "common/record_dictionary.hpp"
#include "common/varint.hpp"

namespace newsearch {

// A compact length-prefixed binary record: read for every shown result, so it must be
// cheap to decode (JSON parsing was a fifth of query time).
namespace {

constexpr char kFormat = '\x01';
// The same record compressed with zstd, after its length. Xapian compresses document data
// with zlib itself, and inflating it was a fifth of a search's instructions (the ten hits'
// articles); zstd gives back the same text several times faster, and Xapian keeps zstd's
// output as it is (its own zlib cannot shrink it).
constexpr char kFormatZstd = '\x02';
// The same with one of the built-in dictionaries (record_dictionary.hpp), named by the frame.
constexpr char kFormatZstdDictionary = '\x03';
// A record says how long it is; past this it is damaged (an article file is 10 MB at most).
constexpr std::uint64_t kMaxRecord = 256u << 20;

// One context a thread: making one allocates ~100 kB, which every record would pay.
struct ZstdContexts {
  std::unique_ptr<ZSTD_CCtx, decltype(&ZSTD_freeCCtx)> compress{ZSTD_createCCtx(), ZSTD_freeCCtx};
  std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)> decompress{ZSTD_createDCtx(), ZSTD_freeDCtx};
};
ZstdContexts& zstd_contexts() {
  thread_local ZstdContexts contexts;
  return contexts;
}

void put_string(std::string& out, const std::string& s) {
  put_varint(out, s.size());
  out += s;
}

void put_list(std::string& out, const std::vector<std::string>& v) {
  put_varint(out, v.size());
  for (const auto& s : v) put_string(out, s);
}

struct Reader {
  const std::string& data;
  std::size_t pos = 1;
  bool ok = true;

  std::uint64_t varint() {
    std::uint64_t v = 0;
    if (!get_varint(data, pos, v)) {
      ok = false;
      return 0;
    }
    return v;
  }
  std::string string() {
    const std::uint64_t n = varint();
    if (!ok || n > data.size() - pos) {
      ok = false;
      return {};
    }
    std::string s = data.substr(pos, n);
    pos += n;
    return s;
  }
  std::vector<std::string> list() {
    const std::uint64_t n = varint();
    std::vector<std::string> v;
    for (std::uint64_t i = 0; i < n && ok; ++i) v.push_back(string());
    return v;
  }
};

}  // namespace

std::string StoredArticle::plain_record() const {
  std::string out(1, kFormat);
  put_string(out, id);
  put_string(out, title);
  put_list(out, authors);
  put_string(out, date ? *date : std::string());
  put_list(out, tags);
  put_list(out, people);
  put_list(out, person_keys);
  put_string(out, path);
  put_string(out, abspath);
  put_varint(out, static_cast<std::uint64_t>(line));
  put_string(out, url);
  put_string(out, language);
  put_string(out, body);
  return out;
}

namespace {

std::string compressed(const std::string& record) {
  const ZSTD_CDict* dictionary = record_compression_dictionary();
  std::string out(1, dictionary ? kFormatZstdDictionary : kFormatZstd);
  put_varint(out, record.size());
  const std::size_t head = out.size();
  out.resize(head + ZSTD_compressBound(record.size()));
  ZSTD_CCtx* context = zstd_contexts().compress.get();
  const std::size_t n =
      dictionary ? ZSTD_compress_usingCDict(context, out.data() + head, out.size() - head, record.data(),
                                            record.size(), dictionary)
                 : ZSTD_compressCCtx(context, out.data() + head, out.size() - head, record.data(), record.size(),
                                     kRecordZstdLevel);
  if (ZSTD_isError(n) || head + n >= record.size()) return record;  // incompressible: kept plain
  out.resize(head + n);
  return out;
}

// The plain record inside a compressed one; empty when damaged (or made with a dictionary
// this build lacks).
std::string decompressed(const std::string& data) {
  std::size_t pos = 1;
  std::uint64_t size = 0;
  if (!get_varint(data, pos, size) || size == 0 || size > kMaxRecord) return {};
  const char* frame = data.data() + pos;
  const std::size_t frame_size = data.size() - pos;
  // The frame states its size too: where the two disagree the record is damaged, found
  // before a buffer of a size read from damaged bytes is allocated.
  if (ZSTD_getFrameContentSize(frame, frame_size) != size) return {};
  const ZSTD_DDict* dictionary = nullptr;
  if (data[0] == kFormatZstdDictionary) {
    dictionary = record_decompression_dictionary(ZSTD_getDictID_fromFrame(frame, frame_size));
    if (!dictionary) return {};
  }
  std::string out(size, '\0');
  ZSTD_DCtx* context = zstd_contexts().decompress.get();
  const std::size_t n = dictionary
                            ? ZSTD_decompress_usingDDict(context, out.data(), out.size(), frame, frame_size, dictionary)
                            : ZSTD_decompressDCtx(context, out.data(), out.size(), frame, frame_size);
  if (ZSTD_isError(n) || n != size) return {};
  return out;
}

}  // namespace

std::string StoredArticle::serialise() const { return compressed(plain_record()); }

StoredArticle StoredArticle::unserialise(const std::string& stored) {
  const bool packed = !stored.empty() && (stored[0] == kFormatZstd || stored[0] == kFormatZstdDictionary);
  const std::string plain = packed ? decompressed(stored) : std::string();
  const std::string& data = packed ? plain : stored;
  StoredArticle a;
  if (data.empty() || data[0] != kFormat) return a;
  Reader r{data};
  a.id = r.string();
  a.title = r.string();
  a.authors = r.list();
  std::string date = r.string();
  if (!date.empty()) a.date = std::move(date);
  a.tags = r.list();
  a.people = r.list();
  a.person_keys = r.list();
  a.path = r.string();
  a.abspath = r.string();
  a.line = static_cast<int>(r.varint());
  a.url = r.string();
  a.language = r.string();
  a.body = r.string();
  return a;
}

}  // namespace newsearch
