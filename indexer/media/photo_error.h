// Why an uploaded photo was refused. The HTTP layer maps each reason to one
// status (api/errors.cpp); the command line prints what().
#pragma once

#include <string>

#include "util/error.h"

namespace lc {

class InvalidPhoto : public Error {
  public:
    enum class Reason {
        too_large,        // more bytes than the cap
        not_an_image,     // no known image signature
        unsupported,      // an image, but not JPEG, PNG or WebP (SVG, GIF, HEIC...)
        truncated,        // the file ends before the image does
        two_formats,      // data after the image's end: another file hidden in it
        too_many_pixels,  // width × height over the cap, read from the header
        undecodable,      // the decoder refused the pixels
        too_slow,         // processing ran past its time bound
    };
    InvalidPhoto(Reason reason, const std::string& message) : Error(message), reason_(reason) {}
    Reason reason() const { return reason_; }

  private:
    Reason reason_;
};

std::string_view to_string(InvalidPhoto::Reason reason);

// Every photo worker is busy and the upload waited as long as it may.
class PhotoWorkersBusy : public Error {
  public:
    using Error::Error;
};

}  // namespace lc
