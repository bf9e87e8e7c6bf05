#pragma once
// The zstd dictionaries of the stored records (stored_article.cpp). A record is small (about
// 1.3 KB over the shared corpora), and most of zstd's work to decompress one went into
// building its entropy tables, which a dictionary brings ready-made: a 2 KB dictionary trained
// on corpus/ cut the decompression instructions of the benchmark's searches on the shared
// corpora by 40% (a search's by 6.4%) and the stored records by 6% (docs/performance.md).
//
// A record names its dictionary by the id in its zstd frame, so a dictionary once used is
// frozen: it stays compiled in (data/record-dictionary-N.zdict) for as long as databases
// hold records made with it. A new one (scripts/train-record-dictionary) joins the table.
#include <zstd.h>

#include <cstdint>

namespace newsearch {

/// The dictionary new records are compressed with, prepared for zstd level `kRecordZstdLevel`;
/// shared by every thread (zstd only reads it). nullptr only in a build that lacks its file.
const ZSTD_CDict* record_compression_dictionary();

/// The dictionary with this frame id, or nullptr where none is built in (a damaged record, or
/// one written by a later version).
const ZSTD_DDict* record_decompression_dictionary(std::uint32_t id);

inline constexpr int kRecordZstdLevel = 3;

}  // namespace newsearch
