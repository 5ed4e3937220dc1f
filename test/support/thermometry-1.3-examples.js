'use strict';
// The JSON of the Thermometry API 1.3 page (the newer vendor page, scraped Jan 9, 2026), carried here
// so that tests replay it without reading anything outside the clone. Each block is the page's text
// with only the scraper's markdown escapes (\[ \] \_) removed; the runs of spaces are the page's
// flattened line breaks. `examples`: the concrete request, success and error of each new method.
// `syntax`: the page's templates, whose placeholders are quoted ("<int>", "<boolean>",
// "<integer error code>"): a client must still read what it can of them.

const examples = {
  addOverlayChannel: {
    request:
      '{    "method": "addOverlayChannel",    "context": "ClientContext",    "apiVersion": "1.3",    "params": {        "imagesource": 1,        "overlayChannel": 2    }}',
    success: '{    "apiVersion": "1.3",    "context": "ClientContext",    "method": "addOverlayChannel",    "data": {}}',
    error:
      '{    "apiVersion": "1.3",    "context": "ClientContext",    "method": "addOverlayChannel",    "error": {        "code": 2104,        "message": "Invalid parameter value specified"    }}',
  },
  removeOverlayChannel: {
    request:
      '{    "method": "removeOverlayChannel",    "context": "ClientContext",    "apiVersion": "1.3",    "params": {        "imagesource": 1,        "overlayChannel": 2    }}',
    success: '{    "apiVersion": "1.3",    "context": "ClientContext",    "method": "removeOverlayChannel",    "data": {}}',
    error:
      '{    "apiVersion": "1.3",    "context": "ClientContext",    "method": "removeOverlayChannel",    "error": {        "code": 2104,        "message": "Invalid parameter value specified"    }}',
  },
  listOverlayChannels: {
    request: '{    "apiVersion": "1.3",    "context": "my context",    "method": "listOverlayChannels"}',
    success:
      '{    "apiVersion": "1.3",    "context": "my context",    "method": "listOverlayChannels",    "data": {        "overlayList": [            {                "imagesource": 1,                "overlayChannels": [0, 2]            }        ]    }}',
    error:
      '{    "apiVersion": "1.3",    "context": "my context",    "method": "listOverlayChannels",    "error": {        "code": 2110,        "message": "User is not authorized to this request, permission denied."    }}',
  },
  listSpotMeters: {
    request: '{    "apiVersion": "1.3",    "context": "my context",    "method": "listSpotMeters"}',
    success:
      '{    "apiVersion": "1.3",    "context": "my context",    "method": "listSpotMeters",    "data": {        "spotmeters": [            {                "imagesource": 0,                "active": false            }        ]    }}',
    error:
      '{    "apiVersion": "1.3",    "context": "my context",    "method": "listSpotMeters",    "error": {        "code": 2110,        "message": "User is not authorized to this request, permission denied."    }}',
  },
};

const syntax = {
  addOverlayChannel: {
    request:
      '{    "apiVersion": "<major.minor>",    "context": "<string>",    "method": "addOverlayChannel",    "params": {      "imagesource": "<int>",      "overlayChannel": "<int>"    }}',
    success: '{    "apiVersion": "<Major>.<Minor>",    "context": "<string>",    "method": "addOverlayChannel",    "data": {}}',
    error:
      '{    "apiVersion": "<major>.<minor>",    "context": "<string>",    "method": "addOverlayChannel",    "error": {        "code": "<integer error code>",        "message": "<string>"    }}',
  },
  listOverlayChannels: {
    request: '{    "apiVersion": "<major.minor>",    "context": "<string>",    "method": "listOverlayChannels",    "params": {    }}',
    success:
      '{    "apiVersion": "<Major>.<Minor>",    "context": "<string>",    "method": "listOverlayChannels",    "data": {        "overlayList": [            {                "imagesource": "<int>",                "overlayChannels": ["<int>, <int>, .."]            }        ]    }}',
  },
  listSpotMeters: {
    request: '{    "apiVersion": "<major.minor>",    "context": "<string>",    "method": "listSpotMeters",    "params": {    }}',
    success:
      '{    "apiVersion": "<Major>.<Minor>",    "context": "<string>",    "method": "listSpotMeters",    "data": {        "spotmeters": [            {                "imagesource": "<int>",                "active": "<boolean>"            }        ]    }}',
  },
};

module.exports = { examples, syntax };
