"""The UMAP curve the topic model fixes is the one UMAP would fit for its settings."""
from umap.umap_ import find_ab_params

from mining.topics.model import UMAP_A, UMAP_B


def test_the_fixed_curve_is_umaps_own_fit_rounded():
    a, b = find_ab_params(1.0, 0.0)  # spread 1, min_dist 0: the topic model's UMAP
    # rounded to four decimals; fits on other processors differ from each other by about 1e-9
    assert abs(a - UMAP_A) <= 5e-5 and abs(b - UMAP_B) <= 5e-5
