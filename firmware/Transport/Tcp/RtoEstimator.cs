namespace NanoIP.Transport.Tcp
{
    /// <summary>
    /// Retransmission timeout per RFC 6298: SRTT and RTTVAR from RTT samples (alpha 1/8,
    /// beta 1/4, kept scaled by 8 and 4 in integers), RTO = SRTT + max(G, 4·RTTVAR), doubled
    /// on each expiry (§5.5), at most MaxRto. The floor is applied as Linux does, to the
    /// variance term: RTO ≥ SRTT + MinRto rather than RTO ≥ MinRto, so a peer that delays
    /// its ACK by up to MinRto (200 ms is common) never causes a spurious timeout on a LAN
    /// where SRTT is a few ms (RFC 6298 §2.4 asks for 1 s; MinRtoMs is the configured
    /// trade-off). Karn's rule (no samples from retransmitted segments) is the caller's part.
    /// </summary>
    public sealed class RtoEstimator
    {
        private readonly int _initialRto;
        private readonly int _minRto;
        private readonly int _maxRto;
        private int _srtt8;
        private int _rttvar4;
        private bool _hasSample;
        private int _rto;

        public RtoEstimator(int initialRtoMs, int minRtoMs, int maxRtoMs)
        {
            _initialRto = initialRtoMs;
            _minRto = minRtoMs;
            _maxRto = maxRtoMs;
            Reset();
        }

        /// <summary>The current RTO in ms, back-off included.</summary>
        public int Rto { get { return _rto; } }

        /// <summary>Smoothed RTT in ms (0 before the first sample).</summary>
        public int Srtt { get { return _srtt8 >> 3; } }

        public int RttVar { get { return _rttvar4 >> 2; } }

        public bool HasSample { get { return _hasSample; } }

        /// <summary>Back to the initial RTO (§2.1), no samples.</summary>
        public void Reset()
        {
            _srtt8 = 0;
            _rttvar4 = 0;
            _hasSample = false;
            _rto = Clamp(_initialRto);
        }

        /// <summary>A new RTT measurement in ms (§2.2, §2.3); replaces any back-off.</summary>
        public void Sample(int rttMs)
        {
            if (rttMs < 0)
            {
                rttMs = 0;
            }

            if (!_hasSample)
            {
                _srtt8 = rttMs << 3;
                _rttvar4 = rttMs << 1; // RTTVAR = R/2, scaled by 4.
                _hasSample = true;
            }
            else
            {
                int delta = rttMs - (_srtt8 >> 3);
                _srtt8 += delta; // SRTT += (R − SRTT)/8, in units of 1/8.
                if (delta < 0)
                {
                    delta = -delta;
                }

                _rttvar4 += delta - (_rttvar4 >> 2); // RTTVAR += (|R − SRTT| − RTTVAR)/4.
            }

            _rto = Estimate();
        }

        /// <summary>
        /// Drops the back-off: RTO from SRTT and RTTVAR again (no-op before the first sample).
        /// Only for connections whose estimator sees retransmitted data too (RFC 7323 RTTM): there
        /// Karn's reason to keep the backed-off value, no samples after a retransmission, is gone.
        /// </summary>
        public void EndBackoff()
        {
            if (_hasSample)
            {
                _rto = Estimate();
            }
        }

        private int Estimate()
        {
            int variance = _rttvar4 > _minRto ? _rttvar4 : _minRto;
            return Clamp((_srtt8 >> 3) + variance);
        }

        /// <summary>Doubles the RTO after an expiry (§5.5), up to the maximum.</summary>
        public void Backoff()
        {
            _rto = _rto >= _maxRto / 2 ? _maxRto : _rto * 2;
        }

        /// <summary>
        /// §5.7: after a lost SYN the RTO is set to 3 s once the connection is up, as long as
        /// no sample exists (the SYN's RTT cannot be measured: Karn).
        /// </summary>
        public void ReinitializeAfterSynLoss()
        {
            if (!_hasSample)
            {
                _rto = Clamp(3000);
            }
        }

        private int Clamp(int rto)
        {
            if (rto < _minRto)
            {
                return _minRto;
            }

            return rto > _maxRto ? _maxRto : rto;
        }
    }
}
