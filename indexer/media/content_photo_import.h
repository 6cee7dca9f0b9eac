// Import's part for the photos content files name (catalog/content_loader.h,
// PhotoFileRef): each file is read and processed like an upload
// (PhotoProcessor: its bytes checked, decoded, turned upright, stripped of
// metadata and re-encoded), stored (PhotoStore), and its entry's photo gets
// the resulting id and size. Files are stored before the catalog names them,
// as uploads are (photo_store.h).
//
// Ids are stable, so importing unchanged content again changes nothing:
// - a file's photo is the one of its bytes (PhotoProcessor::id_of), and a
//   photo already stored under that id is not processed again;
// - a file `lc-indexer export` wrote (named <id>.jpg, and byte for byte that
//   stored photo's largest JPEG) keeps that photo's id: exporting and
//   importing back into the same data folder changes no photo.
#pragma once

#include <string>
#include <vector>

#include "catalog/content_loader.h"
#include "media/photo_processor.h"
#include "media/photo_store.h"

namespace lc {

// Whether any entry names photo files.
bool names_photo_files(const std::vector<SourcedEntry>& entries);

// `lc-indexer validate`: each named file read and its bytes checked (size,
// format by signature, the whole file one image: check_image_bytes); nothing
// decoded, nothing stored. Problems as "file.yaml:12: photos[0].file: 'photos/x/a.jpg': why".
std::vector<std::string> check_content_photos(const std::vector<SourcedEntry>& entries,
                                              const PhotoLimits& limits);

class ContentPhotoImport {
  public:
    ContentPhotoImport(PhotoStore& store, PhotoProcessor& processor);

    // Gives every named photo its id and size, processing and storing the
    // files not stored yet. Returns the problems, as check_content_photos
    // words them; after the first, the remaining files are only checked, so
    // every problem is listed and nothing more is stored.
    std::vector<std::string> resolve(std::vector<SourcedEntry>& entries);

    // After a failed import: removes the photos resolve() stored that are not
    // in `named` (the ids the catalog's revisions name).
    void discard_new(const std::vector<std::string>& named);

    std::size_t processed() const { return stored_.size(); }  // new photos stored
    std::size_t already_stored() const { return already_stored_; }

  private:
    PhotoStore& store_;
    PhotoProcessor& processor_;
    std::vector<std::string> stored_;
    std::size_t already_stored_ = 0;
};

}  // namespace lc
