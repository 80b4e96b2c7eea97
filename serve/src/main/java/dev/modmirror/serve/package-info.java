/**
 * {@code modmirror serve}: a read-only GOPROXY endpoint over one bucket, as use cases over core's
 * ports ({@code ModuleStore}, {@code EventBus}, {@code SumDbTransport}); deploy binds it to the
 * shared HTTP layer. Request paths are read by {@code core.goproxy.ProxyPath} before any key is
 * built; zips are streamed, never held; memory holds only a bounded cache of immutable small
 * objects.
 */
package dev.modmirror.serve;
