#ifndef CASEBOOK_CMARK_SHIM_H
#define CASEBOOK_CMARK_SHIM_H
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <stdlib.h>
#endif
