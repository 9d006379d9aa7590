"""CPython 3.11 use-after-free without any third-party code.

Setting an attribute whose name is not in the class's shared keys (they are full after 30
names) makes CPython 3.11 turn the instance's inline values into a real dict
(_PyObject_StoreInstanceAttribute -> make_dict_from_instance_attributes -> new_dict).
new_dict allocates a GC object, which may run a collection; a weakref callback run by that
collection can set another new attribute on the same instance, which materializes *another*
dict over the same values and, on insertion, resizes it and frees the values. The outer call
then wraps the freed values in its dict and the next resize reads freed memory.

SQLAlchemy's InstanceState is exactly such an object: its weakref callback
(InstanceState._cleanup) sets attributes on the state while the session may be setting
attributes on it (e.g. Session.close -> _detach_states).

    ~/.pyenv/versions/3.11.7/bin/python docs/cpython311_use_after_free.py   # Segmentation fault
    ~/.pyenv/versions/3.12.1/bin/python docs/cpython311_use_after_free.py   # no crash
"""

import gc
import sys
import weakref


class State:
    pass


class Thing:
    pass


# Fill the class's shared keys (30 names in 3.11) so further names force a real dict.
filler = State()
filler.ref = filler.more = None
for i in range(28):
    setattr(filler, f"shared_{i}", i)
del filler


def one_round(n):
    state = State()
    for i in range(10):
        setattr(state, f"shared_{i}", i)  # stored in the inline values
    thing = Thing()
    thing.cycle = thing  # only the cyclic GC can free it

    def callback(ref, state=state):
        # like InstanceState._cleanup: set attributes on the state from a weakref callback
        state.not_shared_inner = None
        for i in range(12):
            setattr(state, f"grow_{i}", i)

    state.ref = weakref.ref(thing, callback)
    del thing
    gc.set_threshold(1)  # the next GC allocation collects `thing`
    state.not_shared_outer = n  # materializes the dict -> GC -> callback -> UAF
    gc.set_threshold(700, 10, 10)
    state.more = [n] * 10
    return state


def main():
    print(sys.version.split()[0], flush=True)
    keep = []
    for n in range(2000):
        keep.append(one_round(n))
        if len(keep) > 50:
            keep.pop(0)
    gc.collect()
    print("no crash", flush=True)


if __name__ == "__main__":
    main()
